import "server-only";
import { UpstreamError } from "@/lib/errors";
import { isUnreadableBlobError, unreadableInput } from "./image-bytes";

/**
 * Shared by the provider modules (generic plumbing only: no payload, parsing or error-body meaning).
 * Deadlines, caller aborts and network failures. The caller's abort and our timeout share one
 * signal but end differently: an abort is the user's cancel (AbortError, not a failure), a
 * timeout is `upstream_timeout`.
 */

const RETRY_DELAY_MS = 250;

export function abortError(reason?: unknown): DOMException {
  if (reason instanceof DOMException && reason.name === "AbortError") return reason;
  const err = new DOMException("The upstream request was aborted", "AbortError");
  return Object.assign(err, { cause: reason });
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === "AbortError";
}

export function errorCodes(e: unknown, depth = 0): string[] {
  if (!e || typeof e !== "object" || depth > 4) return [];
  const own = typeof (e as { code?: unknown }).code === "string" ? [(e as { code: string }).code] : [];
  const nested = e instanceof AggregateError ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes((e as { cause?: unknown }).cause, depth + 1)];
}

/** fetch's words for a redirect answer under `redirect: "error"` (multipart bodies, see `postInit`). */
const isRedirectRefusal = (e: unknown) =>
  e instanceof TypeError && e.cause instanceof Error && e.cause.message === "unexpected redirect";

/** A failed connection: refused means the upstream never saw the request (so no work, no bill). */
function networkError(e: unknown, what: string): UpstreamError {
  if (isRedirectRefusal(e)) {
    return new UpstreamError(
      "upstream_bad_response",
      `${what}: the upstream answered with a redirect, which a multipart request does not follow`,
      { cause: e },
    );
  }
  const codes = errorCodes(e);
  if (codes.includes("ECONNREFUSED")) {
    return new UpstreamError("upstream_unavailable", `${what}: connection refused`, { noWorkDone: true, cause: e });
  }
  const code = codes.find((c) => /^E[A-Z_]+$|^UND_ERR/.test(c)) ?? "network error";
  return new UpstreamError("upstream_unavailable", `${what}: ${code}`, { cause: e });
}

/**
 * Runs `work` under a signal that fires on the caller's abort or after `timeoutMs`, and tells
 * the two apart afterwards. `work` must read the whole body inside, so the deadline covers it.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  what: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (callerSignal?.aborted) throw abortError(callerSignal.reason);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  try {
    return await work(signal);
  } catch (e) {
    if (callerSignal?.aborted) throw abortError(callerSignal.reason);
    if (timeout.aborted)
      throw new UpstreamError("upstream_timeout", `${what}: no answer within ${timeoutMs} ms`, { cause: e });
    if (e instanceof UpstreamError) throw e;
    // An input Blob streamed into the body whose file went away meanwhile: ours, not the upstream's.
    if (isUnreadableBlobError(e)) throw unreadableInput("An input image", e);
    // fetch reports network trouble as a TypeError (cause: a coded socket error); anything else
    // (a throwing onPhase, a bug) must not pass for an upstream outage.
    if (e instanceof TypeError || errorCodes(e).length > 0) throw networkError(e, what);
    throw e;
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * One retry, only when the first attempt provably did no work (connection refused). Every other
 * failure may have been billed (image requests are expensive), so it is never repeated here.
 */
export async function retryIfNoWorkDone<T>(signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof UpstreamError) || !e.noWorkDone) throw e;
    await delay(RETRY_DELAY_MS, signal);
    return attempt();
  }
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * The fetch options of an upstream POST. A multipart body (an edit: its input images stream from their Blobs,
 * from disk) goes with `redirect: "error"` and no `window`: under any other options fetch tees the request body
 * so that it could send it again after a redirect, and the spare branch, never read, buffers all of it — every
 * input image in memory. An image endpoint that redirects a POST is misconfigured anyway; such an edit fails as
 * `upstream_bad_response`. JSON bodies are strings already in memory and keep fetch's defaults (a 3xx answer is
 * read like any other error answer).
 */
export function postInit(built: { headers: Record<string, string>; body: BodyInit }, signal: AbortSignal): RequestInit {
  const init: RequestInit = { method: "POST", headers: built.headers, body: built.body, signal };
  return built.body instanceof FormData ? { ...init, redirect: "error", window: null } : init;
}

/**
 * POST a built request under the deadline and the caller's abort, retrying once only when the
 * connection was refused. Reports "generating" as soon as the request is on its way: fetch gives no
 * "upload done" event. The body is read whole; its meaning is the provider's business.
 */
export function postOnce(
  req: { signal?: AbortSignal; onPhase?: (phase: "generating") => void },
  config: { timeoutMs: number; fetch?: typeof fetch },
  built: { url: string; headers: Record<string, string>; body: BodyInit },
  label: string,
): Promise<RawAnswer> {
  const fetchImpl = config.fetch ?? fetch;
  return retryIfNoWorkDone(req.signal, () =>
    withDeadline(config.timeoutMs, req.signal, label, async (signal) => {
      const pending = fetchImpl(built.url, postInit(built, signal));
      try {
        req.onPhase?.("generating");
      } catch (e) {
        pending.catch(() => undefined); // abandoned: its later failure must not go unhandled
        throw e;
      }
      const res = await pending;
      return { status: res.status, headers: res.headers, text: await res.text() };
    }),
  );
}
