// Runs before every route and page: the Host check that stops DNS rebinding (docs/api.md "Access").
import { NextResponse, type NextRequest } from "next/server";
import { isAllowedHost, requestHost } from "@/lib/auth/hosts";

export function proxy(req: NextRequest) {
  if (isAllowedHost(requestHost(req))) return NextResponse.next();
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
