// POST /api/auth/sign-in/email, /api/auth/sign-out, /api/auth/change-password – the auth library's routes, behind the studio's rules
import { handleAuthRoute } from "@/lib/auth/auth-routes";
import { methodNotAllowed, publicRoute } from "@/lib/http";

type Ctx = { params: Promise<{ all: string[] }> };

const handle = publicRoute(async (req, ctx: Ctx) => handleAuthRoute(req, (await ctx.params).all.join("/")));

export { handle as GET, handle as POST };

const notAllowed = methodNotAllowed(["GET", "POST"], { public: true });
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
