import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { getFamily, matchFamily } from "@/lib/models";
import { CONFIGURABLE_GATEWAYS } from "@/lib/providers/gateways";

/**
 * What an admin may say about models, in `STUDIO_MODELS_FILE` (the deployment's) and on the settings
 * page (stored in the database; it wins per field and per id):
 * - add a gateway model id to a family (`{ id, family }`), alias an id (`{ id, aliasOf }`),
 * - label a model, bound its upstream time (`timeoutS`), hide models, set the default model,
 * - choose the gateway preset (request-id header, part name, error dialect, streaming).
 */

const modelId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, { error: "must be a model id" });

const entrySchema = z
  .strictObject({
    id: modelId,
    family: z.string().min(1).optional(),
    aliasOf: modelId.optional(),
    label: z.string().trim().min(1).max(80).optional(),
    timeoutS: z.number().int().min(10).max(3600).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.family && e.aliasOf)
      ctx.addIssue({ code: "custom", path: ["aliasOf"], message: "give family or aliasOf, not both" });
    if (e.family && !getFamily(e.family))
      ctx.addIssue({ code: "custom", path: ["family"], message: `unknown family '${e.family}'` });
    if (e.aliasOf && e.aliasOf === e.id)
      ctx.addIssue({ code: "custom", path: ["aliasOf"], message: "an alias cannot point at itself" });
    if (!e.family && !e.aliasOf && !matchFamily(e.id))
      ctx.addIssue({ code: "custom", path: ["family"], message: `'${e.id}' matches no family: name one` });
  });

export const modelsConfigSchema = z
  .strictObject({
    gateway: z.enum(CONFIGURABLE_GATEWAYS).optional(),
    defaultModel: modelId.nullable().optional(),
    hidden: z.array(modelId).max(500).optional(),
    models: z.array(entrySchema).max(500).optional(),
  })
  .superRefine((c, ctx) => {
    const ids = (c.models ?? []).map((m) => m.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: "custom", path: ["models", i, "id"], message: `duplicate id '${id}'` });
    });
  });

export type ModelsConfig = z.output<typeof modelsConfigSchema>;
export type ModelEntry = NonNullable<ModelsConfig["models"]>[number];

const cache = new Map<string, ModelsConfig>();

/** The models file, read once per path; a bad file stops start-up with an error naming the field. */
export function loadModelsFile(file: string | undefined): ModelsConfig {
  if (!file) return {};
  const hit = cache.get(file);
  if (hit) return hit;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const why = e instanceof SyntaxError ? "is not valid JSON" : "cannot be read";
    throw new Error(`STUDIO_MODELS_FILE ${why}`);
  }
  const r = modelsConfigSchema.safeParse(json);
  if (!r.success) {
    const fields = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`STUDIO_MODELS_FILE is invalid — ${fields}`);
  }
  cache.set(file, r.data);
  return r.data;
}

/** The file's settings with the admin's on top: per-id entries merged, the admin's hidden list and scalars replace the file's. */
export function mergeConfigs(file: ModelsConfig, admin: ModelsConfig): ModelsConfig {
  const byId = new Map<string, ModelEntry>();
  for (const m of [...(file.models ?? []), ...(admin.models ?? [])]) byId.set(m.id, { ...byId.get(m.id), ...m });
  return {
    gateway: admin.gateway ?? file.gateway,
    defaultModel: admin.defaultModel !== undefined ? admin.defaultModel : file.defaultModel,
    hidden: admin.hidden ?? file.hidden ?? [],
    models: [...byId.values()],
  };
}
