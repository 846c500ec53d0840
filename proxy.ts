// Runs before every route and page: the Host check that stops DNS rebinding (docs/api.md "Access"), answers in
// the contract's shape what no route could (undecodable paths, methods no route serves), and sets the path
// header pages use to come back after sign-in.
import { NextResponse, type NextRequest } from "next/server";
import { misaddressed } from "@/lib/auth/hosts";
import { PATH_HEADER } from "@/lib/auth/path-header";

/** The methods any route of the studio serves; others (TRACE, CONNECT, PROPFIND…) are 405 everywhere. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function answer(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json(
    { error: { code, message, details: {} } },
    { status, headers: { "x-content-type-options": "nosniff", ...headers } },
  );
}

/** A path Next.js would fail to decode into route params (`%FF`, a lone `%`, overlong `%C0%AF`). */
function undecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(req: NextRequest) {
  const refused = misaddressed(req);
  if (refused) return refused;
  if (!METHODS.includes(req.method)) {
    return answer(405, "invalid_request", `Method ${req.method} is not allowed`, { allow: METHODS.join(", ") });
  }
  if (undecodable(req.nextUrl.pathname)) {
    return answer(400, "invalid_request", "The path holds a malformed percent-escape");
  }
  // Pages that redirect to sign-in come back here afterwards (lib/auth/page.ts).
  const headers = new Headers(req.headers);
  headers.set(PATH_HEADER, req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything, static files included: a rebinding page must not read even the bundle — but the routes whose
  // bodies are large. Next.js copies the body of every request the proxy sees into memory for it, and cuts it
  // at 10 MB (experimental.proxyClientMaxBodySize): an upload of 50 MB files, or an edit sent to the built-in
  // simulator, would arrive truncated. Those two (with well-formed paths) skip the proxy and check the Host
  // themselves (misaddressed); what else the proxy answers, they answer in their route.
  matcher: ["/((?!api/projects/[^/%]+/assets$|sim/[^%]*$).*)", "/"],
};
