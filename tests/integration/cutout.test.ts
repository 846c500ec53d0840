import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { POST as cutout } from "@/app/api/assets/[assetId]/cutout/route";
import { GET as getFile } from "@/app/api/assets/[assetId]/file/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { findAsset } from "@/lib/assets/list-assets";
import { toAsset } from "@/lib/assets/serialize";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator({ listing: "legacy" });
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin }));

/** A red product 60×60 at (20,20) on white 100×100, with a white window inside it at (40..50). */
async function productPhoto(): Promise<Buffer> {
  const product = await sharp({ create: { width: 60, height: 60, channels: 3, background: "#c8283c" } })
    .composite([
      {
        input: await sharp({ create: { width: 10, height: 10, channels: 3, background: "#ffffff" } })
          .png()
          .toBuffer(),
        left: 20,
        top: 20,
      },
    ])
    .png()
    .toBuffer();
  return sharp({ create: { width: 100, height: 100, channels: 3, background: "#fdfdfd" } })
    .composite([{ input: product, left: 20, top: 20 }])
    .png()
    .toBuffer();
}

async function uploadOne(projectId: string, bytes: Buffer, kind?: string): Promise<Asset> {
  const parts: Parameters<typeof multipart>[0] = [{ name: "file", value: bytes, filename: "p.png" }];
  if (kind) parts.push({ name: "kind", value: kind });
  const res = await upload(authedRequest("http://x/", { method: "POST", body: multipart(parts) }), ctx({ projectId }));
  return ((await res.json()) as { assets: Asset[] }).assets[0];
}

async function cut(assetId: string, body: unknown) {
  return cutout(jsonRequest("POST", `/api/assets/${assetId}/cutout`, body), ctx({ assetId }));
}

async function alphaOf(asset: Asset) {
  const res = await getFile(authedRequest(`http://x${asset.fileUrl}`), ctx({ assetId: asset.id }));
  const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { at: (x: number, y: number) => data[(y * info.width + x) * 4 + 3], info, data };
}

describe("local cutout", () => {
  it("keeps the product opaque (white details inside it too) and makes the background transparent", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await productPhoto());
    const res = await cut(src.id, { mode: "local", params: { tolerance: 10, feather: 0 } });
    expect(res.status).toBe(201);
    const asset = ((await res.json()) as { asset: Asset }).asset;
    expect(asset).toMatchObject({
      kind: "cutout",
      mimeType: "image/png",
      width: 100,
      height: 100,
      parentAssetIds: [src.id],
    });
    const a = await alphaOf(asset);
    expect(a.at(50, 30)).toBe(255); // product
    expect(a.at(45, 45)).toBe(255); // white window enclosed by the product
    expect(a.at(5, 5)).toBe(0); // background
    expect(a.at(95, 50)).toBe(0);
  });

  it("feathers the edge into intermediate alpha", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await productPhoto());
    const asset = (
      (await (await cut(src.id, { mode: "local", params: { tolerance: 10, feather: 3 } })).json()) as { asset: Asset }
    ).asset;
    const a = await alphaOf(asset);
    const edge = [a.at(19, 50), a.at(20, 50), a.at(21, 50)];
    expect(edge.some((v) => v > 0 && v < 255)).toBe(true);
    expect(a.at(50, 30)).toBe(255);
    expect(a.at(3, 3)).toBe(0);
  });

  it("grows or shrinks the outline", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await productPhoto());
    const opaque = async (grow: number) => {
      const asset = (
        (await (await cut(src.id, { mode: "local", params: { tolerance: 10, feather: 0, grow } })).json()) as {
          asset: Asset;
        }
      ).asset;
      const { data } = await alphaOf(asset);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 127) n++;
      return n;
    };
    const base = await opaque(0);
    expect(await opaque(3)).toBeGreaterThan(base);
    expect(await opaque(-3)).toBeLessThan(base);
  });

  it("places the product on pure white at a marketplace canvas size", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await productPhoto());
    const asset = (
      (await (
        await cut(src.id, {
          mode: "local",
          params: { tolerance: 10, feather: 0, background: "white", canvas: { width: 800, height: 800, padding: 10 } },
        })
      ).json()) as { asset: Asset }
    ).asset;
    expect([asset.width, asset.height]).toEqual([800, 800]);
    const { data, info } = await alphaOf(asset);
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
    expect(px(10, 10)).toEqual([255, 255, 255, 255]);
    const centre = px(400, 200);
    expect(centre[0]).toBeGreaterThan(150);
    expect(centre[1]).toBeLessThan(100);
  });

  it("answers 400 for bad params or a mask, 404 for an unknown asset", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await productPhoto());
    for (const body of [
      { mode: "local", params: { tolerance: 101 } },
      { mode: "magic" },
      { mode: "local", params: { surprise: 1 } },
    ]) {
      const res = await cut(src.id, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_request");
    }
    const mask = await uploadOne(projectId, await makeImage(10, 10, "png", { alpha: true }), "mask");
    expect((await cut(mask.id, { mode: "local" })).status).toBe(400);
    expect((await cut("ast_00000000000000000000", { mode: "local" })).status).toBe(404);
    const flat = await uploadOne(
      projectId,
      await sharp({ create: { width: 20, height: 20, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    const empty = await cut(flat.id, { mode: "local", params: { tolerance: 50 } });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toMatch(/tolerance/);
  });
});

describe("AI cutout", () => {
  it("runs an edit generation asking for a transparent PNG", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(256, 256));
    const res = await cut(src.id, { mode: "ai", model: "gpt-image-1", params: { quality: "low" } });
    expect(res.status).toBe(202);
    const g0 = ((await res.json()) as { generation: Generation }).generation;
    expect(g0).toMatchObject({ operation: "edit", inputAssetIds: [src.id] });
    expect(g0.params).toMatchObject({ background: "transparent", output_format: "png" });
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("succeeded");
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").at(-1)!;
    expect(req.fields).toMatchObject({ background: "transparent" });
    expect(g.purpose).toBe("cutout");
  });

  it("saves its results as cutouts at the source's size (the model answers at its own), PNG with alpha; a retry stays a cutout", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(300, 200));
    const g0 = (
      (await (await cut(src.id, { mode: "ai", model: "gpt-image-1", params: { quality: "low" } })).json()) as {
        generation: Generation;
      }
    ).generation;
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("succeeded");
    const asset = toAsset(await findAsset(g.assetIds[0]));
    expect(asset).toMatchObject({
      kind: "cutout",
      width: 300,
      height: 200,
      mimeType: "image/png",
      parentAssetIds: [src.id],
    });
    const file = await getFile(authedRequest(`http://x${asset.fileUrl}`), ctx({ assetId: asset.id }));
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([300, 200, true]);
    // A plain edit of the same source stays an edit at the model's size.
    const edit = await startGeneration(projectId, {
      model: "gpt-image-1",
      operation: "edit",
      prompt: "on marble",
      params: { quality: "low" },
      inputAssetIds: [src.id],
    });
    const e = await waitFor(projectId, edit.id);
    expect(toAsset(await findAsset(e.assetIds[0])).kind).toBe("edit");
    expect(e.purpose).toBeNull();
  });

  it("refuses a background other than transparent, and params the model does not take (`__proto__` too)", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(64, 64));
    const opaque = await errorOf(
      await cut(src.id, { mode: "ai", model: "gpt-image-1", params: { background: "opaque" } }),
      400,
      "invalid_request",
    );
    expect((opaque.details.issues as { path: string }[]).map((i) => i.path)).toContain("params.background");
    const proto = await cut(
      src.id,
      JSON.parse('{"mode":"ai","model":"gpt-image-1","params":{"__proto__":{"polluted":true}}}') as object,
    );
    await errorOf(proto, 400, "param_not_supported");
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // Spelled out, transparent is what it asks anyway.
    expect(
      (await cut(src.id, { mode: "ai", model: "gpt-image-1", params: { background: "transparent" } })).status,
    ).toBe(202);
  });

  it("refuses a model that cannot make transparent backgrounds, and fails cleanly on an upstream fault", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(64, 64));
    const d3 = await cut(src.id, { mode: "ai", model: "dall-e-3" });
    expect(d3.status).toBe(400);
    sim.simulator.addFault({ kind: "server_error", times: 1 });
    const g0 = ((await (await cut(src.id, { mode: "ai" })).json()) as { generation: Generation }).generation;
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("failed");
    expect(g.error?.code).toBe("upstream_unavailable");
  });
});
