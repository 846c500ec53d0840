import "server-only";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { ZipFile } from "yazl";
import type { ExportFormat } from "@/lib/contracts/export-formats";
import type { AssetRow } from "@/lib/db/assets";
import { toAsset } from "@/lib/assets/serialize";
import { storage, type PinnedBlobs } from "@/lib/storage";
import { webStreamOf } from "@/lib/storage/web-stream";
import { installNativeCrc32 } from "./fast-crc32";
import { entryNames } from "./file-names";
import { BOM, CSV_COLUMNS, csvChunk, csvRecord } from "./records";
import { storedZipSize } from "./zip-size";

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

/** What a writer answers: the body, its byte length when known in advance, and how many assets it holds. */
export interface WrittenExport {
  stream: ReadableStream<Uint8Array>;
  size?: number;
  count: number;
}

/**
 * ZIP export, streamed: images stored as-is (PNG/JPEG/WebP are already compressed), plus manifest.json and
 * manifest.csv.
 *
 * What the archive will hold is settled before the first byte: every file is pinned first (the local
 * store hard-links them, see LocalDiskStore.pin), so a delete during the download cannot take a file away
 * from it, and no file descriptor is held per asset (one file is open at a time, while it is written). Why
 * not open descriptors in a window ahead of the writer: a window cannot hold the files it has not reached,
 * yet the entry list and the Content-Length are promised with the first byte. An asset whose file is gone
 * already at pin time is left out and listed in both manifests with `missing: true` (`file` empty).
 * Every entry is stored with the size of what was pinned, so the total length is exact before the first
 * byte (storedZipSize), and the output checks it as the bytes pass. If a read still fails (an I/O error, a file cut short), the body ends with that error — a failed
 * transfer for the client — and nothing is left hanging or thrown past the stream. Pins are released when
 * the body ends, fails or is cancelled.
 */
export async function zipStream(rows: AssetRow[]): Promise<WrittenExport> {
  const pins = await storage().pin(rows.map((r) => r.fileKey));
  try {
    return zipOfPinned(rows, pins);
  } catch (err) {
    await pins.release();
    throw err;
  }
}

/**
 * yazl's output, replaced by one that counts what passes (a PassThrough is a Transform too: no extra cost)
 * and fails the body instead of ending it when the count is not the length announced.
 */
class CheckedLength extends Transform {
  private seen = 0;
  constructor(private readonly expected: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, cb: TransformCallback) {
    this.seen += chunk.length;
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback) {
    cb(this.seen === this.expected ? null : new Error(`ZIP of ${this.seen} bytes, ${this.expected} announced`));
  }
}

function zipOfPinned(rows: AssetRow[], pins: PinnedBlobs): WrittenExport {
  const assets = rows.map(toAsset);
  const names = entryNames(assets, (i) => pins.sizes[i] === null);
  const manifest = assets.map((a, i) =>
    names[i] === null ? { ...a, file: null, missing: true } : { ...a, file: names[i] },
  );
  const manifestJson = Buffer.from(JSON.stringify(manifest, null, 2));
  const manifestCsv = Buffer.from(
    BOM +
      csvChunk(
        assets.map((a, i) => ({ ...csvRecord(a, names[i] ?? ""), missing: names[i] === null ? "true" : "" })),
        true,
        [...CSV_COLUMNS, "file", "missing"],
      ),
  );
  const size = storedZipSize([
    ...names.flatMap((n, i) =>
      n === null ? [] : [{ nameBytes: Buffer.byteLength(n), size: pins.sizes[i]!, streamed: true }],
    ),
    { nameBytes: Buffer.byteLength("manifest.json"), size: manifestJson.length, streamed: false },
    { nameBytes: Buffer.byteLength("manifest.csv"), size: manifestCsv.length, streamed: false },
  ]);

  const zip = new ZipFile();
  const output = new CheckedLength(size);
  // Before any entry: yazl writes to whatever `outputStream` holds when it writes.
  (zip as unknown as { outputStream: Readable }).outputStream = output;
  let reading: Readable | null = null;
  let closed = false;
  const fail = (err: unknown) => {
    if (!output.destroyed) output.destroy(err instanceof Error ? err : new Error(String(err)));
  };
  // yazl reports a failed read or a byte count that differs from the declared size here.
  zip.on("error", fail);
  // Ended, failed or cancelled (a cancel destroys the output): stop reading, let go.
  output.once("close", () => {
    closed = true;
    reading?.destroy();
    pins.release().catch((err: unknown) => console.warn("[atelier] export pins not released:", err));
  });
  rows.forEach((row, i) => {
    const name = names[i];
    if (name === null) return;
    const options = { compress: false, size: pins.sizes[i]!, mtime: new Date(row.createdAt) };
    zip.addReadStreamLazy(name, options, (cb) => {
      if (closed) return cb(new Error("export stream closed"), null as unknown as Readable);
      let file: Readable;
      try {
        file = pins.nodeStream(i);
      } catch (err) {
        return cb(err as Error, null as unknown as Readable);
      }
      reading = file;
      file.on("error", fail);
      file.once("close", () => {
        if (reading === file) reading = null;
      });
      cb(null, file);
    });
  });
  zip.addBuffer(manifestJson, "manifest.json", { compress: false });
  zip.addBuffer(manifestCsv, "manifest.csv", { compress: false });
  zip.end();
  const count = names.filter((n) => n !== null).length;
  return { stream: webStreamOf(output), size, count };
}

/** One writer per export format (lib/contracts/export-formats.ts lists them). */
export const WRITERS: Record<ExportFormat, (rows: AssetRow[]) => Promise<WrittenExport>> = {
  zip: zipStream,
  csv: async (rows) => ({ stream: csvStream(rows), count: rows.length }),
  json: async (rows) => ({ stream: jsonStream(rows), count: rows.length }),
};
