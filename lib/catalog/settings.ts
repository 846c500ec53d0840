import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { getSetting, putSetting } from "@/lib/db/settings";
import { env } from "@/lib/env";
import { invalidRequest } from "@/lib/errors";
import { GATEWAYS } from "@/lib/providers/gateways";
import { toIssues } from "@/lib/validation";
import { familyIds, SETTINGS_KEY } from "./catalog";
import { resetLists } from "./lists";
import { loadModelsFile, modelsConfigSchema, type ModelsConfig } from "./models-config";

/**
 * The admin's model settings (the settings page): stored in the database over the deployment's
 * `STUDIO_MODELS_FILE`, which the page shows read-only. Saving a new gateway preset re-reads the lists.
 */

export interface ModelSettingsView {
  /** What the admin set on the page. */
  settings: ModelsConfig;
  /** What STUDIO_MODELS_FILE sets (read-only here). */
  file: ModelsConfig;
  families: ReturnType<typeof familyIds>;
  gateways: { id: string; label: string }[];
}

export async function modelSettingsView(): Promise<ModelSettingsView> {
  const stored = modelsConfigSchema.safeParse((await getSetting(SETTINGS_KEY)) ?? {});
  return {
    settings: stored.success ? stored.data : {},
    file: loadModelsFile(env().STUDIO_MODELS_FILE),
    families: familyIds(),
    gateways: Object.values(GATEWAYS)
      .filter((g) => g.id !== "simulator")
      .map((g) => ({ id: g.id, label: g.label })),
  };
}

export async function saveModelSettings(actor: Actor, body: unknown): Promise<ModelSettingsView> {
  const parsed = modelsConfigSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest("Invalid model settings", toIssues(parsed.error.issues));
  const before = modelsConfigSchema.safeParse((await getSetting(SETTINGS_KEY)) ?? {});
  await audited(
    actor,
    () => putSetting(SETTINGS_KEY, parsed.data),
    () => ({
      action: "settings.update",
      targetType: "settings",
      targetIds: [SETTINGS_KEY],
      details: { value: parsed.data },
    }),
  );
  if ((before.success ? before.data.gateway : undefined) !== parsed.data.gateway) resetLists();
  return modelSettingsView();
}
