// GET /api/settings/models – the admin's model settings, the deployment file's, families and gateway presets
// PUT /api/settings/models – replace the admin's model settings (families, aliases, hidden, default, timeouts, gateway)
import { modelSettingsView, saveModelSettings } from "@/lib/catalog/settings";
import { json, readJsonBody, route } from "@/lib/http";

export const GET = route(() => json(modelSettingsView()));

export const PUT = route(async (req) => json(saveModelSettings(await readJsonBody(req))));
