// GET /api/tokens – your tokens (an admin's: everyone's); POST /api/tokens – a new one, its secret shown once
import { requirePermission } from "@/lib/auth/principal";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { createTokenBodySchema, roleCan } from "@/lib/contracts/access";
import { invalidRequest } from "@/lib/errors";
import { json, methodNotAllowed, readJson, route } from "@/lib/http";

// Any role may hold tokens: a token acts with its user's current role, so a viewer's can only read.
export const GET = route(
  async (_req, _ctx, actor) =>
    json({ tokens: await listTokens(roleCan(actor.role, "administer") ? undefined : (actor.userId ?? "")) }),
  { permission: "read" },
);

export const POST = route(
  async (req, _ctx, actor) => {
    const body = await readJson(req, createTokenBodySchema);
    const userId = body.userId ?? actor.userId;
    if (!userId)
      throw invalidRequest("The admin token has no user: name one", [{ path: "userId", message: "required" }]);
    if (userId !== actor.userId) requirePermission(actor, "administer");
    return json(await createToken(actor, userId, body.name), 201);
  },
  { permission: "read" },
);

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
