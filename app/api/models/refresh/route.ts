// POST /api/models/refresh – read every gateway's model list again, then answer the catalog
import { recordAudit } from "@/lib/auth/audit";
import { loadCatalog, refreshLists, adminConfig } from "@/lib/catalog";
import { json, methodNotAllowed, route } from "@/lib/http";

// Anyone who may generate may ask for a fresh list: it changes no setting, only what the studio knows.
export const POST = route(async (_req, _ctx, actor) => {
  await refreshLists((await adminConfig()).gateway);
  await recordAudit(actor, { action: "models.refresh", targetType: "settings", targetIds: ["models"] });
  return json(await loadCatalog());
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
