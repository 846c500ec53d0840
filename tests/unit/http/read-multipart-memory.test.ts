/**
 * readMultipart holds no more of a body than the chunks in flight: a 200 MiB upload streamed through it in
 * fresh 64 KiB chunks (generated, never materialised), to a consumer that drops every byte, keeps the
 * process's ArrayBuffers well under the body's size. (Racing each read against a promise that stays pending
 * would keep every chunk reachable until the read ends: ArrayBuffers then grow by the whole body.) A refusal
 * while the body stalls still ends the read at once and cancels the body.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readMultipart, type MultipartLimits } from "@/lib/http";

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BODY = 200 * MiB;
const BOUNDARY = "----atelier-read-multipart-memory";
const enc = new TextEncoder();

const LIMITS: MultipartLimits = {
  fileBytes: BODY,
  requestBytes: BODY + MiB,
  files: 4,
  fields: 4,
  fieldBytes: 1024,
};

/** `global.gc`, exposed at run time when the process was not started with --expose-gc. */
function gcFunction(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

function* multipart(fileBytes: number): Generator<Uint8Array> {
  yield enc.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nupload\r\n`);
  yield enc.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  for (let sent = 0; sent < fileBytes; sent += CHUNK) yield new Uint8Array(Math.min(CHUNK, fileBytes - sent)); // fresh each time, as a socket gives them
  yield enc.encode(`\r\n--${BOUNDARY}--\r\n`);
}

/** A chunked body pulled from `chunks` as it is read; `state` says how much was pulled and whether it was cancelled. */
function streamed(chunks: Iterator<Uint8Array>, stallAfter = Infinity) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= stallAfter) return new Promise<void>(() => undefined); // the client stops sending
        const next = chunks.next();
        if (next.done) return controller.close();
        state.pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const req = new Request("http://127.0.0.1/upload", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { req, state };
}

describe("readMultipart's memory", () => {
  it("keeps ArrayBuffers well under a 200 MiB body streamed through it", async () => {
    const gc = gcFunction();
    gc?.();
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let sinceSample = 0;
    // With gc: what is still reachable every 8 MiB. Without it: the peak, sampled at every chunk.
    const sample = (bytes: number) => {
      sinceSample += bytes;
      if (gc && sinceSample < 8 * MiB) return;
      sinceSample = 0;
      gc?.();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
    };
    const { req, state } = streamed(multipart(BODY));
    const t0 = performance.now();
    const form = await readMultipart(req, LIMITS, async (part) => {
      let n = 0;
      for await (const chunk of part.stream as AsyncIterable<Buffer>) {
        n += chunk.byteLength;
        sample(chunk.byteLength);
      }
      return n;
    });
    const ms = performance.now() - t0;
    console.log(
      `200 MiB through readMultipart: ArrayBuffers +${(peak / MiB).toFixed(1)} MiB at most ` +
        `(${gc ? "after gc, every 8 MiB" : "peak, no gc"}), ${ms.toFixed(0)} ms`,
    );
    expect(form.files).toEqual([BODY]);
    expect(form.fields.get("kind")).toEqual(["upload"]);
    expect(form.bytes).toBe(state.pulled);
    expect(state.cancelled).toBe(false);
    // Without gc, V8 lets up to ~64 MiB of dropped ArrayBuffers wait for a collection: a looser bound, but still
    // well under the whole body that a leak keeps.
    expect(peak).toBeLessThan((gc ? 32 : 150) * MiB);
  });

  it("refused while the body stalls: ends the read at once, cancels the body, waits for the part", async () => {
    const { req, state } = streamed(multipart(BODY), 4 * CHUNK);
    let partSettled = false;
    const refusal = new AppError("unsupported_media_type", "big.bin is not a PNG, JPEG or WebP image", {
      file: "big.bin",
    });
    const read = readMultipart(req, LIMITS, async (part) => {
      try {
        for await (const chunk of part.stream as AsyncIterable<Buffer>) {
          void chunk;
          throw refusal; // at the first chunk, as the magic-byte check does
        }
        return 0;
      } finally {
        partSettled = true;
      }
    });
    await expect(read).rejects.toBe(refusal);
    expect(partSettled).toBe(true);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(4 * CHUNK);
  });
});
