// GET /api/team – names of everyone, for "made by" labels (any signed-in role)
import { teamDirectory } from "@/lib/auth/users";
import { json, methodNotAllowed, route } from "@/lib/http";

export const GET = route(async () => json({ members: await teamDirectory() }));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
