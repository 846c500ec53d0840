// POST /api/models/refresh – read every gateway's model list again, then answer the catalog
import { loadCatalog, refreshLists, adminConfig } from "@/lib/catalog";
import { json, route } from "@/lib/http";

export const POST = route(async () => {
  await refreshLists(adminConfig().gateway);
  return json(await loadCatalog());
});
