import "server-only";
import { AppError } from "@/lib/errors";
import type { CatalogModel, ModelsCatalog } from "@/lib/contracts/models";
import { adminConfig, currentCatalog } from "./catalog";
import { ensureLists } from "./lists";

export { adminConfig, currentCatalog, familyIds, SETTINGS_KEY } from "./catalog";
export { ensureLists, markMissing, refreshLists, resetLists } from "./lists";
export { loadModelsFile, modelsConfigSchema, type ModelsConfig } from "./models-config";

/** `GET /api/models`: fresh lists first (the first read after start is waited for, briefly). */
export async function loadCatalog(): Promise<ModelsCatalog> {
  const { providers, models, defaultModel } = (await catalogForRequest()).catalog;
  return { providers, models, defaultModel };
}

/** The catalog a generation is checked against, with a lookup by id. */
export async function catalogForRequest(): Promise<{
  lookup: (id: string) => CatalogModel | undefined;
  catalog: Awaited<ReturnType<typeof currentCatalog>>;
}> {
  await ensureLists((await adminConfig()).gateway);
  const catalog = await currentCatalog();
  return { lookup: catalog.lookup, catalog };
}

/** A model the gateway no longer offers: refused before anything is sent, with where to go instead. */
export function assertOffered(model: CatalogModel): void {
  if (model.availability !== "unavailable") return;
  const when = model.shutdownDate ? ` (shut down ${model.shutdownDate})` : "";
  const instead = model.replacements.length ? `; use ${model.replacements.join(" or ")}` : "";
  throw new AppError("model_unavailable", `${model.id} is not available on the gateway${when}${instead}`, {
    model: model.id,
    shutdownDate: model.shutdownDate,
    suggested: model.replacements,
  });
}
