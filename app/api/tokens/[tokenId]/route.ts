// DELETE /api/tokens/:tokenId – revoke (your own; anyone's for an admin)
import { requirePermission } from "@/lib/auth/principal";
import { deleteToken, findToken } from "@/lib/auth/tokens";
import { notFound } from "@/lib/errors";
import { methodNotAllowed, noContent, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ tokenId: string }> };

export const DELETE = route(
  async (_req, ctx: Ctx, actor) => {
    const token = await findToken(requireId((await ctx.params).tokenId, "tok", "token"));
    if (token.userId !== actor.userId) {
      // Someone else's token does not exist for a non-admin.
      try {
        requirePermission(actor, "administer");
      } catch {
        throw notFound("token", token.id);
      }
    }
    await deleteToken(actor, token);
    return noContent();
  },
  { permission: "read" },
);

const notAllowed = methodNotAllowed(["DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
