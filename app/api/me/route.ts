// GET /api/me – who is asking (`user` null for the built-in admin token), and how
import { json, route } from "@/lib/http";

export const GET = route((_req, _ctx, actor) => json({ user: actor.user, role: actor.role, via: actor.via }));
