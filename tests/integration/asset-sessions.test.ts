/**
 * GET/PUT /api/assets/:assetId/sessions/:kind: an asset's mask history and cutout session on the server — the round
 * trip, compare-and-set on `baseVersion` (409 with the stored session), 404s, who may read and write, the body
 * bound, and the sessions going with their asset (a delete, a project delete, a delete a crash interrupted).
 */
import { describe, expect, it } from "vitest";
import { DELETE as deleteAssetRoute } from "@/app/api/assets/[assetId]/route";
import { GET as getSessionRoute, PUT as putSessionRoute } from "@/app/api/assets/[assetId]/sessions/[kind]/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { DELETE as deleteProjectRoute } from "@/app/api/projects/[projectId]/route";
import { removeHiddenAssets } from "@/lib/assets/delete-assets";
import { MaskHistory, SESSION_MAX_BYTES, type AssetSession } from "@/lib/canvas";
import type { Asset } from "@/lib/contracts/assets";
import { hideAssets, listHiddenAssets } from "@/lib/db/assets";
import { db } from "@/lib/db/client";
import { markProjectDeleted } from "@/lib/db/projects";
import { purgeHiddenProject } from "@/lib/projects/delete-project";
import { makeUser, tokenFor } from "@/tests/helpers/access";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject } from "@/tests/helpers/generations";
import { authedRequest, ctx, errorOf, jsonRequest, rawRequest, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";

withTempDataDir();

async function uploadOne(projectId: string, kind?: string, token = TEST_ADMIN_TOKEN): Promise<Asset> {
  const parts: Parameters<typeof multipart>[0] = [{ name: "file", value: await makeImage(40, 30), filename: "a.png" }];
  if (kind) parts.push({ name: "kind", value: kind });
  const res = await upload(
    authedRequest("http://x/", { method: "POST", body: multipart(parts) }, token),
    ctx({ projectId }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets[0];
}

const path = (assetId: string, kind: string) => `/api/assets/${assetId}/sessions/${kind}`;
const get = (assetId: string, kind: string, token = TEST_ADMIN_TOKEN) =>
  getSessionRoute(jsonRequest("GET", path(assetId, kind), undefined, token), ctx({ assetId, kind }));
const put = (assetId: string, kind: string, body: unknown, token = TEST_ADMIN_TOKEN) =>
  putSessionRoute(jsonRequest("PUT", path(assetId, kind), body, token), ctx({ assetId, kind }));
const putRaw = (assetId: string, kind: string, text: string, type = "application/json") =>
  putSessionRoute(rawRequest("PUT", path(assetId, kind), text, type), ctx({ assetId, kind }));

async function sessionOf(res: Response, status = 200): Promise<AssetSession | null> {
  expect(res.status, await res.clone().text()).toBe(status);
  return ((await res.json()) as { session: AssetSession | null }).session;
}

/** A mask history as the editor makes it: `strokes` strokes of `points` points each on a `edge`² image. */
function maskHistory(strokes: number, points: number, edge = 4096): MaskHistory {
  const h = new MaskHistory();
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const at = (v: number) => Math.round(Math.min(edge, Math.max(0, v)) * 10) / 10;
  for (let s = 0; s < strokes; s++) {
    let x = rnd() * edge;
    let y = rnd() * edge;
    h.beginStroke("brush", 120, at(x), at(y));
    for (let i = 0; i < points; i++) {
      x += rnd() * 20 - 10;
      y += rnd() * 20 - 10;
      h.extendStroke(at(x), at(y));
    }
    h.endStroke();
  }
  return h;
}

const sessionRows = async (assetIds: string[]) =>
  db().selectFrom("assetSessions").select(["assetId", "kind"]).where("assetId", "in", assetIds).execute();

describe("asset sessions", () => {
  it("round-trips a session: none, then version 1, 2… with who saved it", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    expect(await sessionOf(await get(asset.id, "mask"))).toBeNull();

    const first = maskHistory(2, 5, 40).toJSON();
    const v1 = await sessionOf(await put(asset.id, "mask", { data: first, baseVersion: null }));
    expect(v1).toMatchObject({ kind: "mask", version: 1, updatedBy: null, data: JSON.parse(JSON.stringify(first)) });
    expect(Date.parse(v1!.updatedAt)).not.toBeNaN();
    expect(await sessionOf(await get(asset.id, "mask"))).toEqual(v1);

    const creator = await makeUser("creator");
    const token = await tokenFor(creator.id);
    const v2 = await sessionOf(await put(asset.id, "mask", { data: { strokes: [] }, baseVersion: 1 }, token));
    expect(v2).toMatchObject({ version: 2, updatedBy: creator.id, data: { strokes: [] } });
    // The kinds are separate sessions.
    expect(await sessionOf(await get(asset.id, "cutout"))).toBeNull();
    const cut = await sessionOf(await put(asset.id, "cutout", { data: { runs: [] }, baseVersion: null }));
    expect(cut).toMatchObject({ kind: "cutout", version: 1 });
    expect(await sessionOf(await get(asset.id, "mask"))).toMatchObject({ version: 2 });
  });

  it("refuses a stale baseVersion with 409 conflict and the stored session in details.current", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    await sessionOf(await put(asset.id, "mask", { data: { n: 1 }, baseVersion: null }));
    const v2 = await sessionOf(await put(asset.id, "mask", { data: { n: 2 }, baseVersion: 1 }));

    const stale = await errorOf(await put(asset.id, "mask", { data: { n: 3 }, baseVersion: 1 }), 409, "conflict");
    expect(stale.details.current).toEqual(v2);
    // "None yet" when one exists is stale too; so is a version when there is none.
    const exists = await errorOf(await put(asset.id, "mask", { data: { n: 3 }, baseVersion: null }), 409, "conflict");
    expect((exists.details.current as AssetSession).data).toEqual({ n: 2 });
    const none = await errorOf(await put(asset.id, "cutout", { data: {}, baseVersion: 4 }), 409, "conflict");
    expect(none.details).toEqual({ current: null });
    expect(await sessionOf(await get(asset.id, "mask"))).toEqual(v2);
  });

  it("lets exactly one of two saves from the same version win", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    await sessionOf(await put(asset.id, "mask", { data: { n: 0 }, baseVersion: null }));
    for (const base of [1, 2, 3]) {
      const answers = await Promise.all(
        ["a", "b", "c"].map(async (who) => put(asset.id, "mask", { data: { who }, baseVersion: base })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    }
    // Two first saves at once: one creates it.
    const firsts = await Promise.all(
      ["a", "b"].map(async (who) => put(asset.id, "cutout", { data: { who }, baseVersion: null })),
    );
    expect(firsts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await sessionOf(await get(asset.id, "mask"))).toMatchObject({ version: 4 });
  });

  it("answers 404 for an unknown, malformed or deleted asset, a mask asset and an unknown kind", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    const mask = await uploadOne(projectId, "mask");
    const body = { data: {}, baseVersion: null };
    for (const [id, kind] of [
      ["ast_00000000000000000000", "mask"],
      ["not-an-id", "mask"],
      [`prj_${asset.id.slice(4)}`, "mask"],
      [mask.id, "mask"],
      [mask.id, "cutout"],
      [asset.id, "masks"],
      [asset.id, "history"],
    ]) {
      await errorOf(await get(id, kind), 404, "not_found");
      await errorOf(await put(id, kind, body), 404, "not_found");
    }
    await sessionOf(await put(asset.id, "mask", body));
    const del = await deleteAssetRoute(jsonRequest("DELETE", `/api/assets/${asset.id}`), ctx({ assetId: asset.id }));
    expect(del.status).toBe(204);
    await errorOf(await get(asset.id, "mask"), 404, "not_found");
    await errorOf(await put(asset.id, "mask", { data: {}, baseVersion: 1 }), 404, "not_found");
  });

  it("lets a viewer read but not write; a creator writes on anyone's asset", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    await sessionOf(await put(asset.id, "cutout", { data: { runs: [] }, baseVersion: null }));
    const viewer = await tokenFor((await makeUser("viewer")).id);
    expect(await sessionOf(await get(asset.id, "cutout", viewer))).toMatchObject({ version: 1 });
    const refused = await errorOf(
      await put(asset.id, "cutout", { data: {}, baseVersion: 1 }, viewer),
      403,
      "forbidden",
    );
    expect(refused.details).toMatchObject({ role: "viewer" });
    const creator = await tokenFor((await makeUser("creator")).id);
    expect(
      await sessionOf(await put(asset.id, "cutout", { data: { runs: [] }, baseVersion: 1 }, creator)),
    ).toMatchObject({ version: 2 });
    expect(await sessionOf(await get(asset.id, "cutout", viewer))).toMatchObject({ version: 2 });
  });

  it("takes a long mask history of a 4096² image (past MAX_JSON_BYTES) and refuses a body over its bound with 413", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    const long = maskHistory(300, 150);
    long.clear();
    long.undo();
    const data = long.toJSON();
    const text = JSON.stringify({ data, baseVersion: null });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const saved = await sessionOf(await putRaw(asset.id, "mask", text));
    const back = MaskHistory.restore((await sessionOf(await get(asset.id, "mask")))!.data);
    expect([back.strokes.length, back.undoDepth, back.redoDepth]).toEqual([300, 300, 1]);
    expect(saved!.version).toBe(1);

    const over = JSON.stringify({ data: { pad: "x".repeat(SESSION_MAX_BYTES) }, baseVersion: 1 });
    const err = await errorOf(await putRaw(asset.id, "mask", over), 413, "payload_too_large");
    expect(err.details).toEqual({ maxBytes: SESSION_MAX_BYTES });
    expect(await sessionOf(await get(asset.id, "mask"))).toMatchObject({ version: 1 });
  });

  it("validates the body: an object `data`, a positive integer or null `baseVersion`, JSON only, bounded nesting", async () => {
    const projectId = await newProject();
    const asset = await uploadOne(projectId);
    const bad = async (body: unknown, path: string) => {
      const err = await errorOf(await put(asset.id, "mask", body), 400, "invalid_request");
      expect((err.details.issues as { path: string }[]).map((i) => i.path)).toContain(path);
    };
    await bad({ data: [1, 2], baseVersion: null }, "data");
    await bad({ data: "x", baseVersion: null }, "data");
    await bad({ baseVersion: null }, "data");
    await bad({ data: {}, baseVersion: "1" }, "baseVersion");
    await bad({ data: {}, baseVersion: 0 }, "baseVersion");
    await bad({ data: {}, baseVersion: 1.5 }, "baseVersion");
    await bad({ data: {} }, "baseVersion");
    await bad({ data: {}, baseVersion: null, extra: 1 }, "extra");
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    await bad({ data: { deep }, baseVersion: null }, "data");
    // A nesting no JSON.stringify could take back: refused, never a 5xx.
    const abyss = `{"data":{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}},"baseVersion":null}`;
    await errorOf(await putRaw(asset.id, "mask", abyss), 400, "invalid_request");
    await errorOf(await putRaw(asset.id, "mask", "{not json"), 400, "invalid_request");
    await errorOf(await putRaw(asset.id, "mask", '{"data":{},"baseVersion":null}', "text/plain"), 415);
    expect(await sessionOf(await get(asset.id, "mask"))).toBeNull();
  });

  it("goes with its asset: a delete, a project delete, and a delete that a crash interrupted (boot's purge)", async () => {
    const projectId = await newProject();
    const [a, b, c] = [await uploadOne(projectId), await uploadOne(projectId), await uploadOne(projectId)];
    for (const asset of [a, b, c])
      for (const kind of ["mask", "cutout"])
        await sessionOf(await put(asset.id, kind, { data: {}, baseVersion: null }));
    expect(await sessionRows([a.id, b.id, c.id])).toHaveLength(6);

    await deleteAssetRoute(jsonRequest("DELETE", `/api/assets/${a.id}`), ctx({ assetId: a.id }));
    expect(await sessionRows([a.id, b.id, c.id])).toHaveLength(4);

    // Hidden but not purged (a crash between the steps of a delete): boot's purge removes them.
    await hideAssets([b.id]);
    expect(await sessionRows([b.id])).toHaveLength(2);
    await removeHiddenAssets(await listHiddenAssets());
    expect(await sessionRows([a.id, b.id, c.id])).toHaveLength(2);

    const del = await deleteProjectRoute(jsonRequest("DELETE", `/api/projects/${projectId}`), ctx({ projectId }));
    expect(del.status).toBe(204);
    expect(await sessionRows([a.id, b.id, c.id])).toEqual([]);

    // A project whose delete a crash interrupted: finished at boot, sessions too.
    const other = await newProject();
    const d = await uploadOne(other);
    await sessionOf(await put(d.id, "mask", { data: {}, baseVersion: null }));
    expect(await markProjectDeleted(other)).toBe(true);
    await errorOf(await get(d.id, "mask"), 404, "not_found");
    await purgeHiddenProject(other);
    expect(await sessionRows([d.id])).toEqual([]);
  });
});
