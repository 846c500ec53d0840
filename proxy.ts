// Runs before every route and page: the Host check that stops DNS rebinding (docs/api.md "Access"),
// and the path header pages use to come back after sign-in.
import { NextResponse, type NextRequest } from "next/server";
import { isAllowedHost, requestHost } from "@/lib/auth/hosts";
import { PATH_HEADER } from "@/lib/auth/path-header";

export function proxy(req: NextRequest) {
  if (isAllowedHost(requestHost(req))) {
    // Pages that redirect to sign-in come back here afterwards (lib/auth/page.ts).
    const headers = new Headers(req.headers);
    headers.set(PATH_HEADER, req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  const body = {
    error: {
      code: "invalid_request",
      message: "This server does not answer to that host name (see STUDIO_ALLOWED_HOSTS)",
      details: {},
    },
  };
  return NextResponse.json(body, { status: 421, headers: { "x-content-type-options": "nosniff" } });
}

export const config = {
  // Everything, static files included: a rebinding page must not read even the bundle.
  matcher: "/:path*",
};
