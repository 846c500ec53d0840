import type { Readable } from "node:stream";

/** Chunks below this may be views into Node's shared Buffer pool: those are copied, larger ones passed on. */
const POOLED_BELOW = 4096;
/** Bytes queued ahead of the reader before the source is paused. */
const QUEUE_BYTES = 2 << 20;

/**
 * A Node Readable as a web ReadableStream, for Response bodies. Not `Readable.toWeb`: on Node 20 a cancel
 * that lands right after a pull throws "Invalid state: Controller is already closed" as an
 * uncaughtException (the source's next 'data' is still enqueued) — a client going away must never do that.
 * Here: the source is paused whenever the queue is full and resumed on pull; it ends the stream on 'end',
 * fails it on 'error' or on a close without an end; a cancel destroys the source; nothing is enqueued after
 * the stream is closed, errored or cancelled. Large chunks are passed without a copy.
 */
export function webStreamOf(source: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          fn();
        };
        source.on("data", (chunk: Buffer | string) => {
          if (settled) return;
          const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
          controller.enqueue(
            buf.byteLength < POOLED_BELOW
              ? new Uint8Array(buf)
              : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
          );
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once("end", () => settle(() => controller.close()));
        source.on("error", (err) => settle(() => controller.error(err)));
        source.once("close", () =>
          // After 'end' or 'error' this is a no-op; otherwise the source was cut off (destroyed without error).
          settle(() => controller.error(new Error("the source stream closed before its end"))),
        );
        source.pause();
      },
      pull() {
        if (!settled) source.resume();
      },
      cancel(reason) {
        settled = true;
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
}
