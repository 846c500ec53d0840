// DELETE /api/sessions/:sessionId – end one of your sessions
import { revokeSession } from "@/lib/auth/sessions";
import { invalidRequest } from "@/lib/errors";
import { methodNotAllowed, noContent, route } from "@/lib/http";

type Ctx = { params: Promise<{ sessionId: string }> };

export const DELETE = route(
  async (_req, ctx: Ctx, actor) => {
    if (!actor.userId) throw invalidRequest("The admin token has no sessions");
    const { sessionId } = await ctx.params;
    await revokeSession(actor, actor.userId, sessionId.slice(0, 100));
    return noContent();
  },
  { permission: "read" },
);

const notAllowed = methodNotAllowed(["DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
