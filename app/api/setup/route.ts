// GET /api/setup – is first-run setup still open?; POST /api/setup – create the first admin (then 409)
import { checkSameOrigin } from "@/lib/auth/hosts";
import { createUser, userCount } from "@/lib/auth/users";
import { setupBodySchema } from "@/lib/contracts/access";
import { json, methodNotAllowed, publicRoute, readJson } from "@/lib/http";

export const GET = publicRoute(async () => json({ needed: (await userCount()) === 0 }));

export const POST = publicRoute(async (req) => {
  if (req.headers.get("origin")) checkSameOrigin(req);
  const body = await readJson(req, setupBodySchema);
  return json({ user: await createUser(null, { ...body, role: "admin" }, true) }, 201);
});

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
