/** Longest a stop may take: Next.js closes the listener and waits for open requests; past this it exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;

/** Carries a handler's Content-Length past Next.js to the wire (`keepDownloadLengths`); never sent itself. */
const LENGTH_MARK = "x-atelier-content-length";

/**
 * Content-Length on downloads (asset files, previews, exports). Next.js drops `content-length` from every
 * route-handler answer (FORBIDDEN_HEADERS in next/dist/server/send-response.js, bundled into each route's
 * chunk, so it cannot be patched where it is), and a browser then shows a download without a total. Two small
 * hooks give the length back to the answers whose handler set it:
 * - Response side: reading a Response's `headers` (what Next does to copy them out) adds a studio-internal
 *   header with the same value when the handler set `content-length` and no `content-encoding`. That is the
 *   case Next guards against: a decoded fetch body under its original encoding and length; fetch answers
 *   also have immutable headers, so they are never marked. The mark passes through like any other header.
 * - Node side: when the head is written, the mark becomes `content-length` again, unless the answer is being
 *   compressed (Next's compression, wrapping the same writeHead, set `content-encoding` and goes chunked) or
 *   has no body by its status (1xx, 204, 304). A HEAD answer gets the length without a body. The mark never
 *   goes out. An answer without a known length stays chunked.
 *
 * Why hooks at boot rather than a custom server (scripts/server.mjs with `next()`): the length never reaches
 * the Node response, so a custom server would need the same Response-side hook, and would also have to redo
 * what `next start` does — its graceful SIGTERM/SIGINT shutdown, its flags, its keep-alive — and follow it
 * across upgrades. Here `next start` stays the server and both hooks rest on web and Node APIs only (the
 * `headers` accessor, `ServerResponse#writeHead`) plus Next copying the other headers through: a Next that
 * stops stripping the length makes them a no-op (the length is already set), and one that changes how it
 * copies headers fails tests/e2e/downloads.spec.ts, not a download.
 */
async function keepDownloadLengths(): Promise<void> {
  const slot = globalThis as { __atelierDownloadLengths?: true };
  if (slot.__atelierDownloadLengths) return;
  slot.__atelierDownloadLengths = true;

  const accessor = Object.getOwnPropertyDescriptor(Response.prototype, "headers");
  const readHeaders = accessor?.get;
  if (!accessor || !readHeaders) return;
  Object.defineProperty(Response.prototype, "headers", {
    ...accessor,
    get(this: Response): Headers {
      const headers = readHeaders.call(this) as Headers;
      const length = headers.get("content-length");
      if (length !== null && /^\d+$/.test(length) && !headers.has("content-encoding") && !headers.has(LENGTH_MARK)) {
        try {
          headers.set(LENGTH_MARK, length);
        } catch {
          // immutable headers (a fetch answer): left as Next leaves them
        }
      }
      return headers;
    },
  });

  const { ServerResponse } = await import("node:http");
  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function (this: InstanceType<typeof ServerResponse>, ...args: unknown[]) {
    const marked = this.getHeader(LENGTH_MARK);
    if (marked !== undefined && !this.headersSent) {
      this.removeHeader(LENGTH_MARK);
      const status = typeof args[0] === "number" ? args[0] : this.statusCode;
      const bodiless = status < 200 || status === 204 || status === 304;
      const framed = ["content-length", "content-encoding", "transfer-encoding"].some((h) => this.hasHeader(h));
      if (!bodiless && !framed) this.setHeader("content-length", String(marked));
    }
    return (writeHead as (...a: unknown[]) => InstanceType<typeof ServerResponse>).apply(this, args);
  } as typeof writeHead;
}

export async function register() {
  // Next calls this once per server instance and runtime; the data layer needs Node.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await keepDownloadLengths();
    const { boot } = await import("@/lib/boot");
    await boot();
    const { jobRunner } = await import("@/lib/jobs/runner");
    // Next.js's own handler stops accepting and lets open requests end; this one aborts running jobs (they are
    // recovered at the next boot) and bounds the wait, so a stop never hangs on a long download or stream.
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        jobRunner().shutdown();
        setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
      });
    }
  }
}
