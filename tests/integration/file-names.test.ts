/**
 * Original file names (docs/api.md "Assets" `originalName`, "Exports"): an upload keeps its file's name,
 * sanitised; a download is sent under it (Content-Disposition, both RFC 6266 spellings); a ZIP stores each
 * image under it (unique, safe, UTF-8 flagged) and both manifests carry it; an export is named after its
 * project. Edits and cutouts of a named upload carry a derived name; generated images and rows from before
 * the column have none, and everything behaves as before for them.
 */
import JSZip from "jszip";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { POST as cutout } from "@/app/api/assets/[assetId]/cutout/route";
import { GET as getFile, HEAD as headFile } from "@/app/api/assets/[assetId]/file/route";
import { GET as getAssetRoute } from "@/app/api/assets/[assetId]/route";
import { GET as download } from "@/app/api/exports/[exportId]/download/route";
import { POST as postExport } from "@/app/api/exports/route";
import { GET as listAssets, POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { saveAsset } from "@/lib/assets/save-asset";
import type { Asset } from "@/lib/contracts/assets";
import { db } from "@/lib/db/client";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { authedRequest, ctx, jsonRequest, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin }));

const CHINESE = "春季新品 主图-01.jpg";

/** Upload through the browser's encoding (FormData: `"` CR LF percent-escaped in the part header). */
async function uploadNamed(projectId: string, files: { name: string; bytes: Buffer }[]): Promise<Asset[]> {
  const res = await upload(
    authedRequest("http://x/", {
      method: "POST",
      body: multipart(files.map((f) => ({ name: "file", value: f.bytes, filename: f.name }))),
    }),
    ctx({ projectId }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets;
}

/** Upload with raw part headers: what a script can send that a browser would not (`filename*`, escapes). */
async function uploadRaw(projectId: string, dispositions: string[], bytes: Buffer): Promise<Asset[]> {
  const parts = dispositions.map((d) =>
    Buffer.concat([
      Buffer.from(`--b\r\nContent-Disposition: form-data; name="file"; ${d}\r\nContent-Type: image/jpeg\r\n\r\n`),
      bytes,
      Buffer.from("\r\n"),
    ]),
  );
  const res = await upload(
    new Request(`http://127.0.0.1/api/projects/${projectId}/assets`, {
      method: "POST",
      body: Buffer.concat([...parts, Buffer.from("--b--\r\n")]),
      headers: { "content-type": "multipart/form-data; boundary=b", authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    }),
    ctx({ projectId }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets;
}

async function fileResponse(assetId: string, query = ""): Promise<Response> {
  const res = await getFile(authedRequest(`http://x/api/assets/${assetId}/file${query}`), ctx({ assetId }));
  expect(res.status).toBe(200);
  return res;
}

/** The two spellings of the file name, as a client reads them; throws on anything else. */
function disposition(header: string | null) {
  const m =
    /^(inline|attachment); filename="([\x20-\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''([\w!#$&+\-.^`|~%]*)$/.exec(
      header ?? "",
    );
  if (!m) throw new Error(`not a well-formed Content-Disposition: ${header}`);
  return { type: m[1], ascii: m[2], name: decodeURIComponent(m[3]) };
}

async function exportZip(body: unknown) {
  const created = await postExport(jsonRequest("POST", "/api/exports", body), undefined);
  expect(created.status).toBe(201);
  const { exportId } = (await created.json()) as { exportId: string };
  const res = await download(authedRequest(`http://x/api/exports/${exportId}/download`), ctx({ exportId }));
  expect(res.status).toBe(200);
  const buf = Buffer.from(await res.arrayBuffer());
  expect(Number(res.headers.get("content-length"))).toBe(buf.length);
  const zip = await JSZip.loadAsync(buf, { checkCRC32: true });
  const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as (Asset & {
    file: string | null;
  })[];
  const csv = await zip.file("manifest.csv")!.async("string");
  const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
  return { res, buf, zip, manifest, rows, header: disposition(res.headers.get("content-disposition")) };
}

/** Each local header's name as written and whether its general-purpose flag says UTF-8 (bit 11). */
function localHeaders(zip: Buffer): { name: string; utf8: boolean }[] {
  const out: { name: string; utf8: boolean }[] = [];
  for (let at = zip.indexOf("PK\x03\x04"); at >= 0; at = zip.indexOf("PK\x03\x04", at + 4)) {
    const flags = zip.readUInt16LE(at + 6);
    const nameLength = zip.readUInt16LE(at + 26);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    // Stored image bytes could hold the signature by chance; a real header names an entry of the archive.
    if (nameLength > 0 && nameLength < 1024) out.push({ name, utf8: (flags & 0x0800) !== 0 });
  }
  return out;
}

describe("original file names", () => {
  it("round-trips a Chinese name: upload → Asset → Content-Disposition → ZIP entry → manifests", async () => {
    const projectId = await newProject("春季上新");
    const [a] = await uploadNamed(projectId, [{ name: CHINESE, bytes: await makeImage(40, 30, "jpeg") }]);
    expect(a.originalName).toBe(CHINESE);
    const got = await getAssetRoute(authedRequest("http://x/"), ctx({ assetId: a.id }));
    expect(((await got.json()) as { asset: Asset }).asset.originalName).toBe(CHINESE);
    const listed = await listAssets(authedRequest(`http://x/api/projects/${projectId}/assets`), ctx({ projectId }));
    expect(((await listed.json()) as { assets: Asset[] }).assets[0].originalName).toBe(CHINESE);

    const inline = disposition((await fileResponse(a.id)).headers.get("content-disposition"));
    expect(inline).toEqual({ type: "inline", ascii: `${a.id}.jpg`, name: CHINESE });
    const saved = await fileResponse(a.id, "?download=1");
    expect(disposition(saved.headers.get("content-disposition"))).toEqual({
      type: "attachment",
      ascii: `${a.id}.jpg`,
      name: CHINESE,
    });
    expect(saved.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(CHINESE)}`);
    const head = await headFile(authedRequest("http://x/?download=1", { method: "HEAD" }), ctx({ assetId: a.id }));
    expect(disposition(head.headers.get("content-disposition")).type).toBe("attachment");
    // A thumbnail is a picture for grids, not a download: no name on it.
    const thumb = await getFile(authedRequest("http://x/?variant=thumb"), ctx({ assetId: a.id }));
    expect(thumb.headers.get("content-disposition")).toBeNull();

    const { buf, zip, manifest, rows, header } = await exportZip({ format: "zip", projectId });
    expect(Object.keys(zip.files).sort()).toEqual([CHINESE, "manifest.csv", "manifest.json"].sort());
    expect(localHeaders(buf)).toContainEqual({ name: CHINESE, utf8: true });
    expect(manifest).toMatchObject([{ id: a.id, originalName: CHINESE, file: CHINESE }]);
    expect(rows).toMatchObject([{ id: a.id, originalName: CHINESE, file: CHINESE }]);
    // The export is named after its project; old clients get an ASCII name.
    expect(header.type).toBe("attachment");
    expect(header.name).toMatch(/^春季上新-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/);
    expect(header.ascii).toMatch(/^atelier-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/);

    // CSV and JSON exports carry it too, and are named the same way.
    for (const format of ["csv", "json"] as const) {
      const created = await postExport(jsonRequest("POST", "/api/exports", { format, assetIds: [a.id] }), undefined);
      const { exportId } = (await created.json()) as { exportId: string };
      const res = await download(authedRequest("http://x/"), ctx({ exportId }));
      expect(disposition(res.headers.get("content-disposition")).name).toMatch(new RegExp(`^春季上新-.*\\.${format}$`));
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
      if (format === "json") expect((JSON.parse(text) as Asset[])[0].originalName).toBe(CHINESE);
      else
        expect(Papa.parse<Record<string, string>>(text.slice(1), { header: true }).data[0].originalName).toBe(CHINESE);
    }
  });

  it("keeps hostile names harmless: paths, CR/LF, quotes, semicolons, bidi overrides, 1000 characters", async () => {
    const projectId = await newProject("Spring launch");
    const jpeg = await makeImage(20, 20, "jpeg");
    const long = `${"长".repeat(1000)}.jpg`;
    const assets = await uploadRaw(
      projectId,
      [
        `filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.jpg`,
        `filename*=UTF-8''C%3A%5Cfakepath%5CSKU-1042-front.jpg`,
        `filename*=UTF-8''evil%0D%0AX-Injected%3A%201.jpg`,
        `filename="a\\"; filename=\\"evil.exe.jpg"`,
        `filename*=UTF-8''semi%3Bcolon%20100%25.jpg`,
        `filename*=UTF-8''photo%E2%80%AEgpj.exe.jpg`,
        `filename*=UTF-8''${encodeURIComponent(long)}`,
        `filename*=UTF-8''..`,
      ],
      jpeg,
    );
    const names = assets.map((a) => a.originalName);
    expect(names.slice(0, 6)).toEqual([
      "passwd.jpg",
      "SKU-1042-front.jpg",
      "evilX-Injected: 1.jpg",
      'a"; filename="evil.exe.jpg',
      "semi;colon 100%.jpg",
      "photogpj.exe.jpg",
    ]);
    expect(Array.from(names[6]!)).toHaveLength(200);
    expect(names[6]).toMatch(/^长+\.jpg$/);
    expect(names[7]).toBeNull(); // nothing left of ".."

    for (const a of assets) {
      const res = await fileResponse(a.id, "?download=1");
      const raw = res.headers.get("content-disposition")!;
      expect(raw).toMatch(/^[\x20-\x7e]+$/); // one line of printable ASCII, whatever the name
      expect(raw.match(/filename=/g)).toHaveLength(1);
      expect(raw.match(/filename\*=/g)).toHaveLength(1);
      const d = disposition(raw);
      expect(d.type).toBe("attachment");
      expect(d.name).toBe(a.originalName ?? `${a.id}.jpg`);
      expect(res.headers.get("x-injected")).toBeNull();
    }

    const { buf, zip, manifest, header } = await exportZip({ format: "zip", assetIds: assets.map((a) => a.id) });
    const entries = Object.keys(zip.files).filter((n) => !n.startsWith("manifest."));
    expect(entries).toHaveLength(assets.length);
    for (const n of entries) {
      expect(n).not.toMatch(/^[/\\]|^[A-Za-z]:|[\r\n\u202e<>:"|?*\\]/);
      expect(n.split("/")).toEqual([n]); // one segment: never a folder, never ".."
    }
    expect(entries).toContain("a_; filename=_evil.exe.jpg");
    expect(entries).toContain("evilX-Injected_ 1.jpg");
    expect(entries).toContain(`0008-upload-${assets[7].id.slice(-8)}.jpg`); // no name left: as before
    expect(localHeaders(buf).every((h) => h.utf8)).toBe(true);
    expect(manifest.map((m) => m.originalName)).toEqual(names);
    expect(header.name).toMatch(/^Spring launch-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/);
    expect(header.ascii).toBe(header.name);
  });

  it("gives duplicate names in one ZIP numbered entries, first come first served", async () => {
    const projectId = await newProject("dups");
    const jpeg = await makeImage(16, 16, "jpeg");
    const png = await makeImage(16, 16, "png");
    const assets = await uploadNamed(projectId, [
      { name: "SKU-1042-front.jpg", bytes: jpeg },
      { name: "sku-1042-FRONT.jpg", bytes: jpeg },
      { name: "SKU-1042-front.jpg", bytes: jpeg },
      { name: "SKU-1042-front.jpg", bytes: png }, // a PNG under a .jpg name: stored as what it is
    ]);
    expect(assets[3].originalName).toBe("SKU-1042-front.jpg");
    expect(disposition((await fileResponse(assets[3].id)).headers.get("content-disposition")).name).toBe(
      "SKU-1042-front.png",
    );
    const { zip, manifest, rows } = await exportZip({ format: "zip", assetIds: assets.map((a) => a.id) });
    const files = ["SKU-1042-front.jpg", "sku-1042-FRONT (2).jpg", "SKU-1042-front (3).jpg", "SKU-1042-front.png"];
    expect(manifest.map((m) => m.file)).toEqual(files);
    expect(rows.map((r) => r.file)).toEqual(files);
    for (const [i, f] of files.entries()) {
      const bytes = await zip.file(f)!.async("nodebuffer");
      expect(bytes.equals(i === 3 ? png : jpeg)).toBe(true);
    }
  });

  it("names a cutout and an edit of a named upload after it; generated images have no name", async () => {
    const projectId = await newProject("derived");
    const [src] = await uploadNamed(projectId, [{ name: "SKU-7 白底.jpg", bytes: await makeImage(64, 64, "jpeg") }]);
    const res = await cutout(
      jsonRequest("POST", `/api/assets/${src.id}/cutout`, { mode: "local", params: {} }),
      ctx({ assetId: src.id }),
    );
    expect(res.status).toBe(201);
    const cut = ((await res.json()) as { asset: Asset }).asset;
    expect(cut.originalName).toBe("SKU-7 白底-cutout.png");
    expect(disposition((await fileResponse(cut.id)).headers.get("content-disposition")).name).toBe(
      "SKU-7 白底-cutout.png",
    );

    const edit = await waitFor(
      projectId,
      (
        await startGeneration(projectId, {
          model: "gpt-image-2",
          operation: "edit",
          prompt: "make it blue",
          inputAssetIds: [cut.id],
          params: { quality: "low" },
        })
      ).id,
    );
    expect(edit.status).toBe("succeeded");
    const gen = await waitFor(
      projectId,
      (await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "mug", params: {} })).id,
    );
    const byId = async (assetId: string) =>
      ((await (await getAssetRoute(authedRequest("http://x/"), ctx({ assetId }))).json()) as { asset: Asset }).asset;
    const edited = await byId(edit.assetIds[0]);
    expect(edited.originalName).toMatch(/^SKU-7 白底-cutout-edit\.(png|jpg|webp)$/);
    const generated = await byId(gen.assetIds[0]);
    expect(generated.originalName).toBeNull();
    expect(disposition((await fileResponse(generated.id)).headers.get("content-disposition")).name).toBe(
      `${generated.id}.png`,
    );
  });

  it("serves legacy rows (no name) as before: <id>.<ext>, generated entry names, empty manifest fields", async () => {
    const projectId = await newProject("legacy");
    const row = await saveAsset({ projectId, kind: "upload", bytes: await makeImage(16, 16, "png"), createdBy: null });
    const [named] = await uploadNamed(projectId, [{ name: "later.png", bytes: await makeImage(16, 16, "png") }]);
    // A row from before the column: what the migration leaves, NULL.
    await db().updateTable("assets").set({ originalName: null }).where("id", "=", named.id).execute();
    for (const id of [row.id, named.id]) {
      const got = await getAssetRoute(authedRequest("http://x/"), ctx({ assetId: id }));
      expect(((await got.json()) as { asset: Asset }).asset.originalName).toBeNull();
      const d = disposition((await fileResponse(id)).headers.get("content-disposition"));
      expect(d).toEqual({ type: "inline", ascii: `${id}.png`, name: `${id}.png` });
    }
    const { zip, manifest, rows } = await exportZip({ format: "zip", assetIds: [row.id, named.id] });
    const entries = Object.keys(zip.files).filter((n) => !n.startsWith("manifest."));
    expect(entries).toEqual([`0001-upload-${row.id.slice(-8)}.png`, `0002-upload-${named.id.slice(-8)}.png`]);
    expect(manifest.map((m) => m.originalName)).toEqual([null, null]);
    expect(rows.map((r) => r.originalName)).toEqual(["", ""]);
  });
});
