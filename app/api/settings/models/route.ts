// GET /api/settings/models – the admin's model settings, the deployment file's, families and gateway presets
// PUT /api/settings/models – replace the admin's model settings (families, aliases, hidden, default, timeouts, gateway)
import { modelSettingsView, saveModelSettings } from "@/lib/catalog/settings";
import { json, methodNotAllowed, readJsonBody, route } from "@/lib/http";

// Model and gateway settings are an admin's (docs/api.md roles table).
export const GET = route(async () => json(await modelSettingsView()), { permission: "administer" });

export const PUT = route(async (req, _ctx, actor) => json(await saveModelSettings(actor, await readJsonBody(req))), {
  permission: "administer",
});

const notAllowed = methodNotAllowed(["GET", "PUT"]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
