// GET /api/team – names of everyone, for "made by" labels (any signed-in role)
import { teamDirectory } from "@/lib/auth/users";
import { json, route } from "@/lib/http";

export const GET = route(() => json({ members: teamDirectory() }));
