// GET/PATCH /api/users/:userId – read; rename, change role, disable or enable (admin only)
import { findUser, updateUser } from "@/lib/auth/users";
import { updateUserBodySchema } from "@/lib/contracts/access";
import { json, methodNotAllowed, readJson, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ userId: string }> };

const userIdOf = async (ctx: Ctx) => requireId((await ctx.params).userId, "usr", "user");

export const GET = route(async (_req, ctx: Ctx) => json({ user: await findUser(await userIdOf(ctx)) }), {
  permission: "administer",
});

export const PATCH = route(
  async (req, ctx: Ctx, actor) => {
    const id = await userIdOf(ctx);
    return json({ user: await updateUser(actor, id, await readJson(req, updateUserBodySchema)) });
  },
  { permission: "administer" },
);

const notAllowed = methodNotAllowed(["GET", "PATCH"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
