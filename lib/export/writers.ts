import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { ExportFormat } from "@/lib/contracts/export-formats";
import type { AssetRow } from "@/lib/db/assets";
import { toAsset } from "@/lib/assets/serialize";
import { storage } from "@/lib/storage";
import { installNativeCrc32 } from "./fast-crc32";
import { entryName } from "./file-names";
import { BOM, CSV_COLUMNS, csvChunk, csvRecord } from "./records";

const BATCH = 500;
installNativeCrc32();
const encoder = new TextEncoder();

/** A stream that renders `rows` in batches on demand, so memory does not grow with the export. */
function batched(
  rows: AssetRow[],
  render: (batch: AssetRow[], first: boolean, last: boolean) => string,
): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const batch = rows.slice(i, i + BATCH);
      const first = i === 0;
      i += BATCH;
      const last = i >= rows.length;
      controller.enqueue(encoder.encode(render(batch, first, last)));
      if (last) controller.close();
    },
  });
}

/** JSON export: a plain array of Asset objects. */
export function jsonStream(rows: AssetRow[]): ReadableStream<Uint8Array> {
  return batched(rows, (batch, first, last) => {
    const body = batch.map((r) => JSON.stringify(toAsset(r))).join(",");
    return (first ? "[" : batch.length ? "," : "") + body + (last ? "]" : "");
  });
}

/** CSV export: header row, one row per asset, RFC 4180, UTF-8 with BOM. */
export function csvStream(rows: AssetRow[]): ReadableStream<Uint8Array> {
  return batched(
    rows,
    (batch, first) =>
      (first ? BOM : "") +
      csvChunk(
        batch.map((r) => csvRecord(toAsset(r))),
        first,
        CSV_COLUMNS,
      ),
  );
}

/**
 * ZIP export, streamed: images stored as-is (PNG/JPEG/WebP are already compressed), each file opened
 * only when its turn comes, plus manifest.json and manifest.csv. Every entry is stored with a known
 * size, so the total length is known before the first byte.
 */
export async function zipStream(rows: AssetRow[]): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  const zip = new ZipFile();
  const store = storage();
  const assets = rows.map(toAsset);
  const names = assets.map((a, i) => entryName(a, i));
  rows.forEach((row, i) => {
    zip.addReadStreamLazy(names[i], { compress: false, size: row.bytes, mtime: new Date(row.createdAt) }, (cb) =>
      cb(null, store.nodeStream(row.fileKey)),
    );
  });
  const manifest = assets.map((a, i) => ({ ...a, file: names[i] }));
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), "manifest.json", { compress: false });
  const csv =
    BOM +
    csvChunk(
      assets.map((a, i) => csvRecord(a, names[i])),
      true,
      [...CSV_COLUMNS, "file"],
    );
  zip.addBuffer(Buffer.from(csv), "manifest.csv", { compress: false });
  // @types/yazl lags yazl 3: `end` takes a size callback and `outputStream` is a Node Readable.
  const ending = zip as unknown as { end(options: undefined, sizeCallback: (n: number) => void): void };
  const size = await new Promise<number>((resolve) => ending.end(undefined, resolve));
  return { stream: Readable.toWeb(zip.outputStream as unknown as Readable) as ReadableStream<Uint8Array>, size };
}

/** One writer per export format (lib/contracts/export-formats.ts lists them). */
export const WRITERS: Record<
  ExportFormat,
  (rows: AssetRow[]) => Promise<{ stream: ReadableStream<Uint8Array>; size?: number }>
> = {
  zip: zipStream,
  csv: async (rows) => ({ stream: csvStream(rows) }),
  json: async (rows) => ({ stream: jsonStream(rows) }),
};
