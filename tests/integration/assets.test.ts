import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as getAsset, DELETE as deleteAsset } from "@/app/api/assets/[assetId]/route";
import { GET as getFile } from "@/app/api/assets/[assetId]/file/route";
import { POST as bulkDelete } from "@/app/api/assets/bulk-delete/route";
import { GET as listAssets, POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postProject } from "@/app/api/projects/route";
import type { Asset } from "@/lib/contracts/assets";
import { boot } from "@/lib/boot";
import { hideAssets } from "@/lib/db/assets";
import { assetFileKey, assetThumbKey } from "@/lib/storage";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { isStored, storedKeys } from "@/tests/helpers/stored";

withTempDataDir(() => ({ MAX_UPLOAD_BYTES: "2000000", MAX_UPLOAD_PIXELS: "5000000" }));

async function newProject(): Promise<string> {
  const res = await postProject(jsonRequest("POST", "/api/projects", { name: "assets" }), undefined);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

function uploadReq(projectId: string, form: FormData): Request {
  return authedRequest(`http://127.0.0.1/api/projects/${projectId}/assets`, { method: "POST", body: form });
}

async function uploadOk(projectId: string, files: { bytes: Buffer; name: string }[], kind?: string): Promise<Asset[]> {
  const parts: Parameters<typeof multipart>[0] = files.map((f) => ({ name: "file", value: f.bytes, filename: f.name }));
  if (kind) parts.push({ name: "kind", value: kind });
  const res = await upload(uploadReq(projectId, multipart(parts)), ctx({ projectId }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets;
}

const fileCount = async () => (await storedKeys("assets/")).length;

describe("asset upload", () => {
  it("stores PNG, JPEG and WebP with type from content, size, sha256 and a WebP thumb", async () => {
    const projectId = await newProject();
    const png = await makeImage(640, 480, "png");
    const jpg = await makeImage(300, 200, "jpeg");
    const webp = await makeImage(100, 100, "webp");
    const assets = await uploadOk(projectId, [
      { bytes: png, name: "a.jpg" }, // misleading name: type comes from content
      { bytes: jpg, name: "b.png" },
      { bytes: webp, name: "c" },
    ]);
    expect(assets.map((a) => a.mimeType)).toEqual(["image/png", "image/jpeg", "image/webp"]);
    const a = assets[0];
    expect(a).toMatchObject({
      projectId,
      kind: "upload",
      width: 640,
      height: 480,
      bytes: png.length,
      parentAssetIds: [],
      generationId: null,
    });
    expect(a.sha256).toBe(createHash("sha256").update(png).digest("hex"));

    const file = await getFile(authedRequest(`http://x${a.fileUrl}`), ctx({ assetId: a.id }));
    expect(file.headers.get("content-type")).toBe("image/png");
    const served = Buffer.from(await file.arrayBuffer());
    expect(createHash("sha256").update(served).digest("hex")).toBe(a.sha256);
    expect(served.length).toBe(a.bytes);

    const badVariant = await getFile(authedRequest(`http://x${a.fileUrl}?variant=huge`), ctx({ assetId: a.id }));
    expect(badVariant.status).toBe(400);
    expect((await errorOf(badVariant)).code).toBe("invalid_request");

    const thumb = await getFile(authedRequest(`http://x${a.thumbUrl}`), ctx({ assetId: a.id }));
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const tb = Buffer.from(await thumb.arrayBuffer());
    const meta = await sharp(tb).metadata();
    expect(meta.format).toBe("webp");
    expect(tb.length).toBeLessThan(png.length);
    expect(Math.abs(meta.width! / meta.height! - 640 / 480)).toBeLessThan(0.02);
  });

  it("refuses a spoofed file with 415 and stores nothing of the batch", async () => {
    const projectId = await newProject();
    const before = await fileCount();
    const good = await makeImage(64, 64, "png");
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "binary");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    for (const bad of [gif, svg, Buffer.from("not an image at all")]) {
      const res = await upload(
        uploadReq(
          projectId,
          multipart([
            { name: "file", value: good, filename: "ok.png" },
            { name: "file", value: bad, filename: "evil.png", type: "image/png" },
          ]),
        ),
        ctx({ projectId }),
      );
      expect(res.status).toBe(415);
      expect((await errorOf(res)).code).toBe("unsupported_media_type");
    }
    expect(await fileCount()).toBe(before);
    const list = await listAssets(authedRequest(`http://x/api/projects/${projectId}/assets`), ctx({ projectId }));
    expect(((await list.json()) as { assets: Asset[] }).assets).toEqual([]);
  });

  it("answers 413 for too many bytes or too many pixels", async () => {
    const projectId = await newProject();
    const big = Buffer.concat([await makeImage(64, 64, "png"), Buffer.alloc(2_100_000)]);
    const res = await upload(
      uploadReq(projectId, multipart([{ name: "file", value: big, filename: "big.png" }])),
      ctx({ projectId }),
    );
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
    // A tiny file that declares 3000×3000 pixels: rejected from its header, never decoded.
    const bomb = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const res2 = await upload(
      uploadReq(projectId, multipart([{ name: "file", value: bomb, filename: "bomb.png" }])),
      ctx({ projectId }),
    );
    expect(res2.status).toBe(413);
  });

  it("answers 400 for a non-multipart body, no file part, an unknown kind, or a mask without alpha", async () => {
    const projectId = await newProject();
    const json = await upload(
      jsonRequest("POST", `/api/projects/${projectId}/assets`, { file: "x" }),
      ctx({ projectId }),
    );
    expect(json.status).toBe(400);
    expect((await errorOf(json)).code).toBe("invalid_request");
    const none = await upload(uploadReq(projectId, multipart([{ name: "kind", value: "upload" }])), ctx({ projectId }));
    expect(none.status).toBe(400);
    const png = await makeImage(32, 32, "png");
    const kind = await upload(
      uploadReq(
        projectId,
        multipart([
          { name: "file", value: png, filename: "a.png" },
          { name: "kind", value: "poster" },
        ]),
      ),
      ctx({ projectId }),
    );
    expect(kind.status).toBe(400);
    expect(((await errorOf(kind)).details.issues as { path: string }[])[0].path).toBe("kind");
    const jpgMask = await upload(
      uploadReq(
        projectId,
        multipart([
          { name: "file", value: await makeImage(32, 32, "jpeg"), filename: "m.png" },
          { name: "kind", value: "mask" },
        ]),
      ),
      ctx({ projectId }),
    );
    expect(jpgMask.status).toBe(400);
    const [mask] = await uploadOk(
      projectId,
      [{ bytes: await makeImage(32, 32, "png", { alpha: true }), name: "m.png" }],
      "mask",
    );
    expect(mask.kind).toBe("mask");
  });

  it("answers 404 for an unknown project", async () => {
    const res = await upload(
      uploadReq(
        "prj_00000000000000000000",
        multipart([{ name: "file", value: await makeImage(8, 8), filename: "a.png" }]),
      ),
      ctx({ projectId: "prj_00000000000000000000" }),
    );
    expect(res.status).toBe(404);
  });
});

describe("asset list", () => {
  it("pages newest first with a cursor until null, filtered by kind", async () => {
    const projectId = await newProject();
    const img = await makeImage(16, 16);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploadOk(projectId, [{ bytes: img, name: `${i}.png` }]))[0].id);
    await uploadOk(projectId, [{ bytes: await makeImage(16, 16, "png", { alpha: true }), name: "m.png" }], "mask");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `limit=2&kind=upload${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await listAssets(authedRequest(`http://x/api/projects/${projectId}/assets?${q}`), ctx({ projectId }));
      const body = (await res.json()) as { assets: Asset[]; nextCursor: string | null };
      seen.push(...body.assets.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("answers 400 for a bad limit, kind or cursor", async () => {
    const projectId = await newProject();
    for (const q of ["limit=0", "limit=abc", "kind=poster", "cursor=garbage", "surprise=1"]) {
      const res = await listAssets(authedRequest(`http://x/api/projects/${projectId}/assets?${q}`), ctx({ projectId }));
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_request");
    }
  });
});

describe("asset delete", () => {
  it("deletes one asset: 204, then 404 on every route, files gone; second delete 404", async () => {
    const projectId = await newProject();
    const [a] = await uploadOk(projectId, [{ bytes: await makeImage(20, 20), name: "a.png" }]);
    const before = await fileCount();
    expect(await isStored(assetThumbKey(a.id))).toBe(true);
    const res = await deleteAsset(authedRequest("http://x", { method: "DELETE" }), ctx({ assetId: a.id }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await fileCount()).toBe(before - 1);
    expect(await isStored(assetFileKey(a.id, "image/png"))).toBe(false);
    expect(await isStored(assetThumbKey(a.id))).toBe(false);
    expect((await getAsset(authedRequest("http://x"), ctx({ assetId: a.id }))).status).toBe(404);
    expect((await getFile(authedRequest(`http://x${a.fileUrl}`), ctx({ assetId: a.id }))).status).toBe(404);
    expect((await getFile(authedRequest(`http://x${a.thumbUrl}`), ctx({ assetId: a.id }))).status).toBe(404);
    expect((await deleteAsset(authedRequest("http://x", { method: "DELETE" }), ctx({ assetId: a.id }))).status).toBe(
      404,
    );
  });

  it("bulk-deletes and reports unknown ids as notFound", async () => {
    const projectId = await newProject();
    const assets = await uploadOk(projectId, [
      { bytes: await makeImage(10, 10), name: "1.png" },
      { bytes: await makeImage(11, 11), name: "2.png" },
      { bytes: await makeImage(12, 12), name: "3.png" },
    ]);
    const unknown = "ast_00000000000000000000";
    const res = await bulkDelete(
      jsonRequest("POST", "/api/assets/bulk-delete", { assetIds: [assets[0].id, assets[1].id, unknown, assets[0].id] }),
      undefined,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: [assets[0].id, assets[1].id], notFound: [unknown] });
    expect((await getAsset(authedRequest("http://x"), ctx({ assetId: assets[2].id }))).status).toBe(200);
    for (const body of [{}, { assetIds: [] }, { assetIds: "x" }]) {
      const bad = await bulkDelete(jsonRequest("POST", "/api/assets/bulk-delete", body), undefined);
      expect(bad.status).toBe(400);
    }
  });

  it("finishes an asset delete interrupted by a crash at the next boot", async () => {
    const projectId = await newProject();
    const [a] = await uploadOk(projectId, [{ bytes: await makeImage(20, 20), name: "a.png" }]);
    const key = assetFileKey(a.id, "image/png");
    await hideAssets([a.id]); // the process died right after step 1
    expect(await isStored(key)).toBe(true);
    await boot();
    expect(await isStored(key)).toBe(false);
    expect((await getAsset(authedRequest("http://x"), ctx({ assetId: a.id }))).status).toBe(404);
  });
});

describe("asset lookups by many ids", () => {
  it("reads more ids than SQLite binds in one statement", async () => {
    const { getAssets } = await import("@/lib/db/assets");
    const projectId = await newProject();
    const [a] = await uploadOk(projectId, [{ bytes: await makeImage(8, 8), name: "a.png" }]);
    const ids = Array.from({ length: 40_000 }, (_, i) => `ast_${String(i).padStart(20, "0")}`);
    ids[33_000] = a.id;
    expect((await getAssets(ids)).map((r) => r.id)).toEqual([a.id]);
  });
});
