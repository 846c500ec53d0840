/**
 * Multipart uploads are bounded while they stream: a file over MAX_UPLOAD_BYTES, a body over
 * MAX_UPLOAD_REQUEST_BYTES, a 51st file, a field too many or too long — each is 413 the moment it passes,
 * having pulled little more than the limit, whatever the body would have gone on to send; nothing it
 * staged stays behind.
 */
import { describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postProject } from "@/app/api/projects/route";
import type { Asset } from "@/lib/contracts/assets";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { ctx, errorOf, jsonRequest } from "@/tests/helpers/http";
import { makeImage } from "@/tests/helpers/images";
import {
  diskState,
  pngLike,
  streamedMultipart,
  streamedUploadRequest,
  zeros,
  type StreamPart,
} from "./uploads-helpers";

const FILE_CAP = 200_000;
const REQUEST_CAP = 1_000_000;
const CHUNK = 64 * 1024;
const data = withTempDataDir(() => ({
  MAX_UPLOAD_BYTES: String(FILE_CAP),
  MAX_UPLOAD_REQUEST_BYTES: String(REQUEST_CAP),
}));

async function newProject(): Promise<string> {
  const res = await postProject(jsonRequest("POST", "/api/projects", { name: "limits" }), undefined);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

async function send(projectId: string, parts: Iterable<StreamPart> | AsyncIterable<StreamPart>, headers = {}) {
  const { body, state, contentType } = streamedMultipart(parts);
  const res = await upload(streamedUploadRequest(projectId, body, contentType, headers), ctx({ projectId }));
  return { res, state };
}

async function expectNothingLeft() {
  const disk = await diskState(data.dir);
  expect(disk.staged).toEqual([]);
  expect(disk.orphans).toEqual([]);
}

describe("upload limits, while the body streams", () => {
  it("refuses a 50 MB chunked file at the file cap, having pulled little more than it", async () => {
    const projectId = await newProject();
    const png = await makeImage(8, 8);
    const { res, state } = await send(projectId, [
      { name: "file", filename: "ok.png", data: png },
      { name: "file", filename: "huge.png", data: pngLike(50 * 1024 * 1024, CHUNK) },
    ]);
    const err = await errorOf(res, 413, "payload_too_large");
    expect(err.details).toEqual({ file: "huge.png", maxBytes: FILE_CAP });
    expect(state.pulled).toBeLessThanOrEqual(FILE_CAP + png.length + 3 * CHUNK);
    expect(state.ended).toBe(false);
    await expectNothingLeft();
  });

  it("refuses a part that is no image by its first bytes (415), before reading the rest of it", async () => {
    const projectId = await newProject();
    const { res, state } = await send(projectId, [
      { name: "file", filename: "junk.bin", data: zeros(50 * 1024 * 1024, CHUNK) },
    ]);
    const err = await errorOf(res, 415, "unsupported_media_type");
    expect(err.details).toEqual({ file: "junk.bin" });
    expect(state.pulled).toBeLessThanOrEqual(3 * CHUNK);
    await expectNothingLeft();
  });

  it("refuses a body over the request cap though each file is under the file cap", async () => {
    const projectId = await newProject();
    const parts = function* () {
      for (let i = 0; i < 40; i++) yield { name: "file", filename: `${i}.png`, data: pngLike(FILE_CAP - 1000, CHUNK) };
    };
    const { res, state } = await send(projectId, parts());
    const err = await errorOf(res, 413, "payload_too_large");
    expect(err.details).toEqual({ maxBytes: REQUEST_CAP });
    expect(state.pulled).toBeLessThanOrEqual(REQUEST_CAP + 2 * CHUNK);
    expect(state.ended).toBe(false);
    await expectNothingLeft();
  });

  it("refuses the 51st file as its part begins, before reading it", async () => {
    const projectId = await newProject();
    const png = await makeImage(4, 4);
    const parts = function* () {
      for (let i = 0; i < 50; i++) yield { name: "file", filename: `${i}.png`, data: png };
      yield { name: "file", filename: "51.png", data: pngLike(FILE_CAP, 1024) };
      yield { name: "file", filename: "52.png", data: pngLike(FILE_CAP, 1024) };
    };
    const { res, state } = await send(projectId, parts());
    const err = await errorOf(res, 413, "payload_too_large");
    expect(err.details).toEqual({ maxFiles: 50 });
    expect(state.pulled).toBeLessThan(50 * (png.length + 200) + 4 * 1024);
    await expectNothingLeft();
  });

  it("refuses a declared Content-Length over the request cap unread", async () => {
    const projectId = await newProject();
    const { res, state } = await send(projectId, [{ name: "file", filename: "a.png", data: zeros(10 * CHUNK) }], {
      "content-length": String(REQUEST_CAP + 1),
    });
    const err = await errorOf(res, 413, "payload_too_large");
    expect(err.details).toEqual({ maxBytes: REQUEST_CAP });
    expect(state.pulled).toBeLessThanOrEqual(CHUNK + 200);
  });

  it("refuses a field that is too long, and too many fields", async () => {
    const projectId = await newProject();
    const long = await send(projectId, [{ name: "kind", data: new TextEncoder().encode("x".repeat(5000)) }]);
    expect((await errorOf(long.res, 413, "payload_too_large")).details).toMatchObject({ field: "kind" });
    const many = await send(
      projectId,
      Array.from({ length: 9 }, (_, i) => ({ name: `f${i}`, data: new TextEncoder().encode("v") })),
    );
    expect((await errorOf(many.res, 413, "payload_too_large")).details).toEqual({ maxFields: 8 });
    await expectNothingLeft();
  });

  it("takes a file of exactly the cap, refuses one byte more", async () => {
    const projectId = await newProject();
    const png = await makeImage(16, 16);
    const exact = Buffer.concat([png, Buffer.alloc(FILE_CAP - png.length)]);
    const ok = await send(projectId, [{ name: "file", filename: "exact.png", data: exact }]);
    expect(ok.res.status, await ok.res.clone().text()).toBe(201);
    const [asset] = ((await ok.res.json()) as { assets: Asset[] }).assets;
    expect(asset.bytes).toBe(FILE_CAP);
    const over = await send(projectId, [{ name: "file", filename: "over.png", data: Buffer.concat([exact, png]) }]);
    await errorOf(over.res, 413, "payload_too_large");
    await expectNothingLeft();
  });

  it("answers 400 for a body that is not multipart, has no boundary, or is cut short", async () => {
    const projectId = await newProject();
    const json = await upload(
      jsonRequest("POST", `/api/projects/${projectId}/assets`, { file: "x" }),
      ctx({ projectId }),
    );
    await errorOf(json, 400, "invalid_request");
    const { body } = streamedMultipart([{ name: "file", filename: "a.png", data: await makeImage(4, 4) }]);
    const noBoundary = await upload(streamedUploadRequest(projectId, body, "multipart/form-data"), ctx({ projectId }));
    await errorOf(noBoundary, 400, "invalid_request");
    const cut = streamedMultipart([{ name: "file", filename: "a.png", data: await makeImage(4, 4) }], {
      close: false,
    });
    const res = await upload(streamedUploadRequest(projectId, cut.body, cut.contentType), ctx({ projectId }));
    await errorOf(res, 400, "invalid_request");
    await expectNothingLeft();
  });

  it("drops file parts of other names and refuses a 'file' part that is not a file", async () => {
    const projectId = await newProject();
    const png = await makeImage(8, 8);
    const ok = await send(projectId, [
      { name: "other", filename: "x.bin", data: zeros(10_000) },
      { name: "file", filename: "a.png", data: png },
    ]);
    expect(ok.res.status).toBe(201);
    expect(((await ok.res.json()) as { assets: Asset[] }).assets).toHaveLength(1);
    const text = await send(projectId, [{ name: "file", data: new TextEncoder().encode("not a file") }]);
    expect(((await errorOf(text.res, 400, "invalid_request")).details.issues as { path: string }[])[0].path).toBe(
      "file",
    );
    await expectNothingLeft();
  });
});
