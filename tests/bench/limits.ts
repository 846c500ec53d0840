/**
 * Upload limits under a hostile body: 1 GB of chunked multipart (no Content-Length), streamed to the upload
 * route handler from a generator in fresh 64 KiB chunks (never materialised), shaped three ways —
 * - one 1 GB part that starts like a PNG (refused at MAX_UPLOAD_BYTES),
 * - 1 GiB in 1 MiB parts that start like PNGs (refused at the 51st file),
 * - one 1 GB part of junk (refused by its magic bytes at its first chunk).
 * For each: the answer, the bytes the server pulled before it, the peak RSS growth over the idle process,
 * and the time to the answer. Goal: refused within the first 60 MB, RSS growth ≤ 100 MB.
 *
 * First, in the fresh process (its peak is the process's high-water mark): the edit of 16 × ~47 MB inputs
 * through the simulator, with its peak RSS (goal ≤ 1 GB) and GET /api/models p99 meanwhile (goal ≤ 200 ms) —
 * `editBench` of support.ts, the same as `npm run bench -- heavy` (BENCH_HEAVY_SIM=child, BENCH_LIMITS_EDIT=0).
 */
import { benchDataDir, editBench, rssSampler } from "./support";

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const CHUNK = 64 * 1024;
const ADMIN = "bench-admin-token-0123456789abcdefghijklmnop";
const BOUNDARY = "----atelier-bench-limits";
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const enc = new TextEncoder();

function* part(name: string, bytes: number, magic: boolean): Generator<Uint8Array> {
  yield enc.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      `Content-Type: image/png\r\n\r\n`,
  );
  for (let sent = 0; sent < bytes; sent += CHUNK) {
    const chunk = new Uint8Array(Math.min(CHUNK, bytes - sent)); // fresh each time, as a socket gives them
    if (sent === 0 && magic) chunk.set(PNG);
    yield chunk;
  }
  yield enc.encode("\r\n");
}

function* body(shape: "one-part" | "many-parts" | "junk"): Generator<Uint8Array> {
  if (shape === "many-parts") for (let i = 0; i < GB / MB; i++) yield* part(`${i}.png`, MB, true);
  else yield* part("huge.png", GB, shape === "one-part");
  yield enc.encode(`--${BOUNDARY}--\r\n`);
}

async function main() {
  process.env.STUDIO_ADMIN_TOKEN = ADMIN;
  const { projectId, dir } = await benchDataDir("limits");
  const { POST } = await import("@/app/api/projects/[projectId]/assets/route");
  const { env } = await import("@/lib/env");
  const { uploadLimits } = await import("@/lib/assets/upload-assets");
  const fs = await import("node:fs");
  const path = await import("node:path");
  if (process.env.BENCH_LIMITS_EDIT !== "0") await editBench(projectId, { adminToken: ADMIN });
  const limits = uploadLimits();
  console.log(
    `limits: ${env().MAX_UPLOAD_BYTES / MB} MiB per file, ${limits.files} files, ` +
      `${(limits.requestBytes / MB).toFixed(0)} MiB per request`,
  );
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

  for (const shape of ["one-part", "many-parts", "junk"] as const) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
    const idle = process.memoryUsage().rss;
    const sampler = rssSampler();
    let pulled = 0;
    const it = body(shape);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const next = it.next();
          if (next.done) return controller.close();
          pulled += next.value.byteLength;
          controller.enqueue(next.value);
        },
        cancel() {
          it.return(undefined);
        },
      },
      { highWaterMark: 0 },
    );
    const req = new Request(`http://127.0.0.1:3000/api/projects/${projectId}/assets`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const t0 = performance.now();
    const res = await POST(req, { params: Promise.resolve({ projectId }) });
    const ms = performance.now() - t0;
    const peak = sampler.stop();
    const { error } = (await res.json()) as { error?: { code: string; details: unknown } };
    const staging = path.join(dir, "files", ".staging");
    const staged = fs.existsSync(staging) ? fs.readdirSync(staging, { recursive: true }).length : 0;
    console.log(
      `${shape.padEnd(10)} → ${res.status} ${error?.code ?? ""} ${JSON.stringify(error?.details ?? {})}: ` +
        `pulled ${(pulled / MB).toFixed(1)} MiB of 1024, RSS +${((peak - idle) / MB).toFixed(0)} MiB ` +
        `(peak ${(peak / MB).toFixed(0)} MiB), ${ms.toFixed(0)} ms, ${staged} files left staged`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
