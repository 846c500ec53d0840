import "server-only";
import { sleep } from "./abort";
import { ClientAborted, idHeaders, type RequestIds } from "./http";

/** One server-sent event: `event: <name>` (optional) then `data: <data>` (one line: JSON or `[DONE]`). */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseWriter {
  send(e: SseEvent): void;
  /** Waits `ms`; rejects with ClientAborted as soon as the client goes (its timer cleared). */
  wait(ms: number): Promise<void>;
}

const encoder = new TextEncoder();
const frame = (e: SseEvent) => `${e.event ? `event: ${e.event}\n` : ""}data: ${e.data}\n\n`;

/**
 * A `text/event-stream` answer whose events `run` produces over time, so a client sees each one as it comes.
 * The client going away — the request's signal, or the body reader cancelled — stops `run` at its next wait
 * and leaves no timer behind.
 */
export function sseResponse(ids: RequestIds, signal: AbortSignal, run: (w: SseWriter) => Promise<void>): Response {
  const gone = new AbortController();
  const stop = AbortSignal.any([signal, gone.signal]);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const writer: SseWriter = {
        send: (e) => {
          if (!stop.aborted) controller.enqueue(encoder.encode(frame(e)));
        },
        wait: (ms) => sleep(ms, stop),
      };
      const end = (e?: unknown) => {
        try {
          if (e && !(e instanceof ClientAborted) && !stop.aborted) controller.error(e);
          else controller.close();
        } catch {
          // Already closed: the reader cancelled the stream.
        }
      };
      run(writer).then(() => end(), end);
    },
    cancel() {
      gone.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: idHeaders(ids, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    }),
  });
}
