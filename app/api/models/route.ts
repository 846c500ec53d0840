// GET /api/models – the live catalog: cards with availability, and which providers this deployment can use
import { loadCatalog } from "@/lib/catalog";
import { json, methodNotAllowed, route } from "@/lib/http";

export const GET = route(async () => json(await loadCatalog()));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
