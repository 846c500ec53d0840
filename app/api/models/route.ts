// GET /api/models – the live catalog: cards with availability, and which providers this deployment can use
import { loadCatalog } from "@/lib/catalog";
import { json, route } from "@/lib/http";

export const GET = route(async () => json(await loadCatalog()));
