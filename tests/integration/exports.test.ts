import { createHash } from "node:crypto";
import JSZip from "jszip";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { GET as download, HEAD as downloadHead } from "@/app/api/exports/[exportId]/download/route";
import { POST as postExport } from "@/app/api/exports/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { DELETE as deleteAsset } from "@/app/api/assets/[assetId]/route";
import type { Asset } from "@/lib/contracts/assets";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";
import { watchPins } from "@/tests/helpers/stored";

const sim = withSimulator();
const data = withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin }));
afterEach(() => vi.restoreAllMocks());

const TRICKY = '白底产品图, "陶瓷" mug\nsecond line, 100% cotton';

async function seed(): Promise<{ projectId: string; ids: string[] }> {
  const projectId = await newProject();
  const g0 = await startGeneration(projectId, {
    model: "gpt-image-2",
    operation: "generate",
    prompt: TRICKY,
    params: { n: 2, quality: "low" },
  });
  const g = await waitFor(projectId, g0.id);
  expect(g.status).toBe("succeeded");
  const res = await upload(
    authedRequest("http://x/", {
      method: "POST",
      body: multipart([{ name: "file", value: await makeImage(64, 48, "jpeg"), filename: "u.jpg" }]),
    }),
    ctx({ projectId }),
  );
  const [up] = ((await res.json()) as { assets: Asset[] }).assets;
  return { projectId, ids: [...g.assetIds, up.id] };
}

async function exportOf(body: unknown): Promise<Response> {
  const res = await postExport(jsonRequest("POST", "/api/exports", body), undefined);
  expect(res.status).toBe(201);
  const { exportId, downloadUrl, count } = (await res.json()) as {
    exportId: string;
    downloadUrl: string;
    count: number;
  };
  expect(downloadUrl).toBe(`/api/exports/${exportId}/download`);
  expect(count).toBeGreaterThan(0);
  return download(authedRequest(`http://x${downloadUrl}`), ctx({ exportId }));
}

describe("exports", () => {
  it("streams a ZIP with every image stored under a unique readable name plus manifests", async () => {
    const { ids } = await seed();
    const res = await exportOf({ format: "zip", assetIds: ids });
    expect(res.headers.get("content-type")).toBe("application/zip");
    // Named after the project the assets come from (tests/integration/file-names.test.ts has the details).
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="jobs-\d{4}-\d{2}-\d{2}-\d{6}\.zip"; filename\*=UTF-8''jobs-[\d-]+\.zip$/,
    );
    const buf = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(buf.length);
    const zip = await JSZip.loadAsync(buf, { checkCRC32: true });
    const names = Object.keys(zip.files);
    expect(names).toContain("manifest.json");
    expect(names).toContain("manifest.csv");
    const images = names.filter((n) => !n.startsWith("manifest"));
    expect(images).toHaveLength(3);
    expect(new Set(images).size).toBe(3);
    expect(images[0]).toMatch(/^0001-generated-白底产品图-陶瓷-mug-.*\.png$/);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as (Asset & { file: string })[];
    expect(manifest.map((m) => m.id)).toEqual(ids);
    for (const m of manifest) {
      const bytes = await zip.file(m.file)!.async("nodebuffer");
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(m.sha256);
    }
    const csv = await zip.file("manifest.csv")!.async("string");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Papa.parse(csv.slice(1), { header: true, skipEmptyLines: true }).data).toHaveLength(3);
  });

  it("exports CSV with a BOM, a header row and RFC 4180 quoting of Chinese, commas, quotes and newlines", async () => {
    const { projectId } = await seed();
    const res = await exportOf({ format: "csv", projectId });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    for (const col of ["id", "projectId", "kind", "model", "prompt", "width", "height", "createdAt"])
      expect(parsed.meta.fields).toContain(col);
    expect(parsed.data).toHaveLength(3);
    const generated = parsed.data.filter((r) => r.kind === "generated");
    expect(generated[0].prompt).toBe(TRICKY);
    expect(text).toContain('"白底产品图, ""陶瓷"" mug\nsecond line, 100% cotton"');
  });

  it("exports JSON as a plain array of Asset objects", async () => {
    const { projectId, ids } = await seed();
    const res = await exportOf({ format: "json", projectId });
    const data = (await res.json()) as Asset[];
    expect(Array.isArray(data)).toBe(true);
    expect(new Set(data.map((a) => a.id))).toEqual(new Set(ids));
    expect(data[0]).toHaveProperty("fileUrl");
    expect(data[0]).toHaveProperty("sha256");
  });

  it("leaves out assets deleted after the export was created", async () => {
    const { ids } = await seed();
    const res = await postExport(jsonRequest("POST", "/api/exports", { format: "json", assetIds: ids }), undefined);
    const { exportId } = (await res.json()) as { exportId: string };
    await deleteAsset(authedRequest("http://x/", { method: "DELETE" }), ctx({ assetId: ids[0] }));
    const out = (await (await download(authedRequest("http://x/"), ctx({ exportId }))).json()) as Asset[];
    expect(out.map((a) => a.id)).toEqual(ids.slice(1));
  });

  it("answers HEAD with the headers of the download, Content-Length included, and holds nothing after", async () => {
    const { ids } = await seed();
    const res = await postExport(jsonRequest("POST", "/api/exports", { format: "zip", assetIds: ids }), undefined);
    const { exportId } = (await res.json()) as { exportId: string };
    const watched = watchPins();
    const head = await downloadHead(authedRequest("http://x/", { method: "HEAD" }), ctx({ exportId }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get("x-export-count")).toBe("3");
    // What the cancelled body held is let go (asynchronously, right after): the pin released, no stream
    // open, and on the local disk its hard links gone too (S3Store's pins hold nothing on the server).
    const pins = path.join(data.dir, "files", ".pins");
    const held = () => [
      ...(watched.pins() ? [`${watched.pins()} pins`] : []),
      ...(watched.streams() ? [`${watched.streams()} streams`] : []),
      ...(fs.existsSync(pins) ? fs.readdirSync(pins) : []),
    ];
    expect(watched.made()).toBe(1);
    for (let i = 0; i < 100 && held().length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(held()).toEqual([]);
    const get = await download(authedRequest("http://x/"), ctx({ exportId }));
    const body = Buffer.from(await get.arrayBuffer());
    expect(head.headers.get("content-length")).toBe(String(body.length));
    expect(get.headers.get("content-length")).toBe(String(body.length));
    const missing = await downloadHead(
      authedRequest("http://x/", { method: "HEAD" }),
      ctx({ exportId: "exp_00000000000000000000" }),
    );
    expect(missing.status).toBe(404);
  });

  it("answers the error shape for bad input and unknown ids", async () => {
    for (const body of [
      {},
      { format: "pdf", assetIds: ["ast_x"] },
      { format: "zip" },
      { format: "zip", assetIds: [] },
    ]) {
      const res = await postExport(jsonRequest("POST", "/api/exports", body), undefined);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_request");
    }
    const unknown = await postExport(
      jsonRequest("POST", "/api/exports", { format: "zip", assetIds: ["ast_00000000000000000000"] }),
      undefined,
    );
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).details.notFound).toEqual(["ast_00000000000000000000"]);
    const project = await postExport(
      jsonRequest("POST", "/api/exports", { format: "zip", projectId: "prj_00000000000000000000" }),
      undefined,
    );
    expect(project.status).toBe(404);
    const dl = await download(authedRequest("http://x/"), ctx({ exportId: "exp_00000000000000000000" }));
    expect(dl.status).toBe(404);
  });
});
