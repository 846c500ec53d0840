import "server-only";
import os from "node:os";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/*
 * DNS rebinding defence: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches the
 * studio with `Host: evil.example`. Answering only to known names closes that door (docs/api.md "Access").
 */

let cached: { source: string; patterns: string[] } | null = null;

/** The machine's own names and addresses, plus loopback. */
function defaultHosts(): string[] {
  const names = new Set(["localhost", "127.0.0.1", "::1", os.hostname().toLowerCase()]);
  names.add(`${os.hostname().toLowerCase()}.local`);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) names.add(a.address.toLowerCase().replace(/%.*$/, ""));
  }
  return [...names];
}

export function allowedHostPatterns(): string[] {
  const source = env().STUDIO_ALLOWED_HOSTS ?? "";
  if (cached?.source !== source) {
    const listed = source
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    cached = { source, patterns: listed.length > 0 ? listed : defaultHosts() };
  }
  return cached.patterns;
}

/** `host[:port]` or `[v6]:port` → the bare lower-case name. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") === -1 ? undefined : h.indexOf("]"));
  const colons = h.split(":").length - 1;
  return colons === 1 ? h.slice(0, h.indexOf(":")) : h;
}

export function isAllowedHost(hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  return allowedHostPatterns().some((p) =>
    p === "*" ? true : p.startsWith("*.") ? name.endsWith(p.slice(1)) && name.length > p.length - 1 : name === p,
  );
}

/**
 * The refusal (421) of a request addressed to a host name the studio does not answer to (DNS rebinding), or
 * null. proxy.ts asks it before every route and page; the routes it skips (large bodies) ask it themselves.
 */
export function misaddressed(req: Request): Response | null {
  if (isAllowedHost(requestHost(req))) return null;
  return Response.json(
    {
      error: {
        code: "invalid_request",
        message: "This server does not answer to that host name (see STUDIO_ALLOWED_HOSTS)",
        details: {},
      },
    },
    { status: 421, headers: { "x-content-type-options": "nosniff" } },
  );
}

/** The Host the client addressed: X-Forwarded-Host behind a trusted proxy, else Host. */
export function requestHost(req: Request): string | null {
  const forwarded = env().STUDIO_TRUST_PROXY ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.headers.get("host") || new URL(req.url).host || null;
}

/** `scheme://host` of the studio as this request addressed it. */
export function studioOrigin(req: Request): string {
  const forwardedProto = env().STUDIO_TRUST_PROXY
    ? req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim()
    : undefined;
  const proto =
    forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : new URL(req.url).protocol.slice(0, -1);
  return `${proto}://${requestHost(req) ?? new URL(req.url).host}`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated changes: the request must come from a page of the studio itself,
 * shown by an Origin whose host is the one addressed, or by `Sec-Fetch-Site: same-origin`.
 */
export function checkSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      // fall through to the refusal
    }
    if (originHost && originHost === requestHost(req)?.toLowerCase()) return;
  } else if (req.headers.get("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new AppError("forbidden", "Cross-site request refused: changes must come from the studio's own pages");
}
