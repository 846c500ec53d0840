import type { ErrorCode } from "@/lib/errors";

/** A studio API failure as the browser sees it: the contract's error body, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network",
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** fetch + JSON for the studio's own routes; non-2xx becomes an ApiError carrying the contract's code. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError("network", "Network error", 0);
  }
  if (res.status === 204) return undefined as T;
  if (res.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/")) toSignIn();
  const data = (await res.json().catch(() => null)) as {
    error?: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  } | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(e?.code ?? "internal", e?.message ?? `HTTP ${res.status}`, res.status, e?.details ?? {});
  }
  return data as T;
}

/** The session ended (expired, revoked, account disabled): back to sign-in, returning here afterwards. */
export function toSignIn(): void {
  const here = window.location.pathname + window.location.search;
  window.location.assign(here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`);
}
