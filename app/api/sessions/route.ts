// GET /api/sessions – your sessions (no tokens); DELETE /api/sessions – sign out everywhere
import { listSessions, revokeAllSessions } from "@/lib/auth/sessions";
import { invalidRequest } from "@/lib/errors";
import { json, methodNotAllowed, route } from "@/lib/http";
import type { Actor } from "@/lib/auth/principal";

const ownerOf = (actor: Actor) => {
  if (!actor.userId) throw invalidRequest("The admin token has no sessions");
  return actor.userId;
};

export const GET = route(async (_req, _ctx, actor) =>
  json({ sessions: await listSessions(ownerOf(actor), actor.sessionId ?? null) }),
);

export const DELETE = route(
  async (_req, _ctx, actor) => json({ revoked: await revokeAllSessions(actor, ownerOf(actor)) }),
  {
    permission: "read",
  },
);

const notAllowed = methodNotAllowed(["GET", "DELETE"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
