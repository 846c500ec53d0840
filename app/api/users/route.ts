// GET /api/users – everyone; POST /api/users – create a user with a role and a password (admin only)
import { createUser, listUsers } from "@/lib/auth/users";
import { createUserBodySchema } from "@/lib/contracts/access";
import { json, methodNotAllowed, readJson, route } from "@/lib/http";

export const GET = route(async () => json({ users: await listUsers() }), { permission: "administer" });

export const POST = route(
  async (req, _ctx, actor) => json({ user: await createUser(actor, await readJson(req, createUserBodySchema)) }, 201),
  { permission: "administer" },
);

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
