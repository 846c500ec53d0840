// GET /api/me – who is asking (`user` null for the built-in admin token), and how
import { json, methodNotAllowed, route } from "@/lib/http";

export const GET = route((_req, _ctx, actor) => json({ user: actor.user, role: actor.role, via: actor.via }));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
