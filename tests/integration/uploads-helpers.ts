/** Shared by the upload suites: multipart bodies produced lazily, and what the store and the data dir hold. */
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { authedRequest } from "@/tests/helpers/http";
import { isStored, storedKeys } from "@/tests/helpers/stored";

export interface StreamPart {
  name: string;
  filename?: string;
  type?: string;
  /** The content: bytes, or chunks produced one by one (never all held). */
  data: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

const BOUNDARY = "----atelier-test-boundary-7c1e";
const enc = new TextEncoder();

/** Chunks of `chunk` bytes, `total` in all, made as they are asked for. */
export function* zeros(total: number, chunk = 64 * 1024): Generator<Uint8Array> {
  const block = new Uint8Array(chunk);
  for (let sent = 0; sent < total; sent += chunk) yield sent + chunk <= total ? block : block.subarray(0, total - sent);
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Like `zeros`, but starting with PNG's magic bytes: it passes the first look and must be counted. */
export function* pngLike(total: number, chunk = 64 * 1024): Generator<Uint8Array> {
  let first = true;
  for (const c of zeros(total, chunk)) {
    if (first) {
      const head = new Uint8Array(c);
      head.set(PNG_MAGIC);
      yield head;
      first = false;
    } else yield c;
  }
}

async function* encode(parts: Iterable<StreamPart> | AsyncIterable<StreamPart>, close: boolean) {
  for await (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
    const type = p.filename === undefined ? "" : `Content-Type: ${p.type ?? "application/octet-stream"}\r\n`;
    yield enc.encode(`--${BOUNDARY}\r\nContent-Disposition: ${disp}\r\n${type}\r\n`);
    if (p.data instanceof Uint8Array) yield p.data;
    else for await (const c of p.data) yield c;
    yield enc.encode("\r\n");
  }
  if (close) yield enc.encode(`--${BOUNDARY}--\r\n`);
}

/**
 * A chunked multipart body (no Content-Length) pulled from `parts` as the server reads it; `state.pulled`
 * counts the bytes it took, `state.cancelled` whether it gave up on the rest. `close: false` leaves the
 * closing boundary out (a body cut short).
 */
export function streamedMultipart(parts: Iterable<StreamPart> | AsyncIterable<StreamPart>, opts = { close: true }) {
  const state = { pulled: 0, cancelled: false, ended: false };
  const it = encode(parts, opts.close);
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await it.next();
        if (next.done) {
          state.ended = true;
          controller.close();
          return;
        }
        state.pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
      async cancel() {
        state.cancelled = true;
        await it.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

export function streamedUploadRequest(
  projectId: string,
  body: ReadableStream<Uint8Array>,
  contentType: string,
  headers: Record<string, string> = {},
): Request {
  return authedRequest(`http://127.0.0.1/api/projects/${projectId}/assets`, {
    method: "POST",
    body,
    headers: { "content-type": contentType, ...headers },
    duplex: "half",
  } as RequestInit);
}

/**
 * Every file under `<dir>/files/<sub>` (relative paths such as `.staging/<batch>/0.thumb`): for the upload
 * staging area, which is on the local disk whatever the store. Stored keys: `storedKeys`.
 */
export function filesUnder(dir: string, sub: string): string[] {
  const root = path.join(dir, "files", sub);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(path.join(dir, "files"), path.join(e.parentPath, e.name)));
}

/** Files staged in the data dir `dir` (on the local disk with either store). */
export const stagedFiles = (dir: string): string[] => filesUnder(dir, ".staging");

/** Stored asset, thumbnail and preview keys (either store), staged files, and keys no row names or rows name but lack. */
export async function diskState(dir: string) {
  const stored = [
    ...(await storedKeys("assets/")),
    ...(await storedKeys("thumbs/")),
    ...(await storedKeys("previews/")),
  ];
  const rows = await db().selectFrom("assets").select(["fileKey", "thumbKey"]).execute();
  const owned = new Set(rows.flatMap((r) => (r.thumbKey ? [r.fileKey, r.thumbKey] : [r.fileKey])));
  const present = await Promise.all([...owned].map((k) => isStored(k)));
  const missing = [...owned].filter((_, i) => !present[i]);
  return {
    stored,
    staged: stagedFiles(dir),
    orphans: stored.filter((k) => !owned.has(k)),
    missing,
  };
}

export const projectAssetRows = (projectId: string) =>
  db().selectFrom("assets").selectAll().where("projectId", "=", projectId).execute();
