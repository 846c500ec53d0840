import "server-only";
import type { Availability, CatalogModel, ModelSource, ModelsCatalog } from "@/lib/contracts/models";
import { getSettingRow } from "@/lib/db/settings";
import { env } from "@/lib/env";
import {
  defaultFamily,
  deriveCard,
  FAMILIES,
  getFamily,
  getModel,
  matchFamily,
  MODELS,
  type ModelCard,
} from "@/lib/models";
import { providerInfos, PROVIDERS } from "@/lib/providers";
import type { GatewayId } from "@/lib/providers/gateways";
import { listState, listsVersion } from "./lists";
import { loadModelsFile, mergeConfigs, modelsConfigSchema, type ModelEntry, type ModelsConfig } from "./models-config";

/**
 * The live catalog: the registry's families, the ids the gateways list, and the admin's settings,
 * combined into the cards `GET /api/models` serves and generations are validated against.
 *
 * - builtin: every known member of every family, offered or not (a retired model keeps its row);
 * - gateway: a listed id a family recognises (a dated snapshot, a new point release) gets that family's card;
 * - config: ids an admin added to a family or aliased.
 * Availability: `unknown` while the provider's list is unread, `unavailable` when the list lacks the id
 * or its shutdown date has passed, `deprecated` while a shutdown date lies ahead, else `available`.
 */

export const SETTINGS_KEY = "models";

function configOf(stored: unknown): ModelsConfig {
  const parsed = modelsConfigSchema.safeParse(stored ?? {});
  return mergeConfigs(loadModelsFile(env().STUDIO_MODELS_FILE), parsed.success ? parsed.data : {});
}

/** The deployment's STUDIO_MODELS_FILE under the admin's stored settings (read from the database each time). */
export async function adminConfig(): Promise<ModelsConfig> {
  return configOf((await getSettingRow(SETTINGS_KEY))?.value);
}

const today = () => new Date().toISOString().slice(0, 10);

function availabilityOf(card: ModelCard): { availability: Availability; shutdownDate: string | null } {
  const state = listState(card.provider);
  if (!state.ok || !state.listed) return { availability: "unknown", shutdownDate: card.shutdownDate };
  if (!state.listed.has(card.upstreamId)) return { availability: "unavailable", shutdownDate: card.shutdownDate };
  const listedDate = state.listed.get(card.upstreamId) ?? null;
  const shutdownDate = listedDate ?? card.shutdownDate;
  // The gateway's own date decides; a vendor's past date on a model the gateway still lists does not.
  if (listedDate && listedDate <= today()) return { availability: "unavailable", shutdownDate };
  if (shutdownDate && shutdownDate > today()) return { availability: "deprecated", shutdownDate };
  return { availability: "available", shutdownDate };
}

/** What the gateway in front can carry: no preview param where it does not stream. */
function forGateway(card: ModelCard, streams: boolean): ModelCard {
  if (streams || !card.params.partial_images) return card;
  const { partial_images: _dropped, ...params } = card.params;
  return { ...card, params, featureTags: card.featureTags.filter((t) => t !== "oa_partial_images") };
}

function configCard(entry: ModelEntry, cards: Map<string, ModelCard>): ModelCard | undefined {
  if (entry.aliasOf) {
    const target = cards.get(entry.aliasOf) ?? getModel(entry.aliasOf);
    if (!target) return undefined;
    return {
      ...structuredClone(target),
      id: entry.id,
      label: entry.label ?? `${target.label} → ${entry.id}`,
      upstreamId: target.upstreamId,
    };
  }
  const family = entry.family ? getFamily(entry.family) : matchFamily(entry.id)?.family;
  if (!family) return undefined;
  const member = family.members.find((m) => m.id === entry.id || m.snapshots?.includes(entry.id));
  return deriveCard({ family, member, id: entry.id, label: entry.label, timeoutS: entry.timeoutS });
}

function collectCards(config: ModelsConfig): { card: ModelCard; source: ModelSource }[] {
  const out = new Map<string, { card: ModelCard; source: ModelSource }>();
  for (const card of MODELS) out.set(card.id, { card: structuredClone(card), source: "builtin" });
  for (const p of PROVIDERS) {
    for (const id of listState(p.id).listed?.keys() ?? []) {
      if (out.has(id)) continue;
      const card = getModel(id);
      if (card && card.provider === p.id) out.set(id, { card: structuredClone(card), source: "gateway" });
    }
  }
  const cards = new Map([...out].map(([id, v]) => [id, v.card]));
  for (const entry of config.models ?? []) {
    const known = out.get(entry.id);
    if (known && !entry.family && !entry.aliasOf) {
      // Settings for a model the studio already offers: its label and timeout.
      if (entry.label) known.card.label = entry.label;
      if (entry.timeoutS) known.card.timeoutS = entry.timeoutS;
      continue;
    }
    const card = configCard(entry, cards);
    if (card) out.set(entry.id, { card, source: "config" });
  }
  return [...out.values()];
}

function replacementsFor(model: CatalogModel, all: CatalogModel[]): string[] {
  if (model.availability === "available" || model.availability === "unknown") return [];
  const offered = (family: string, a: Availability) =>
    all.filter((m) => m.family === family && m.id !== model.id && m.availability === a).map((m) => m.id);
  const chain: string[] = [];
  for (let f: string | undefined = model.family; f && !chain.includes(f); f = getFamily(f)?.successor) chain.push(f);
  // Available ones first, along the family and its successors; a model about to go only when nothing else is left.
  for (const a of ["available", "deprecated"] as const) {
    for (const family of chain) {
      const ids = offered(family, a);
      if (ids.length) return ids;
    }
  }
  return [];
}

function pickDefault(models: CatalogModel[], config: ModelsConfig): string | null {
  const usable = (m: CatalogModel) =>
    m.availability === "available" || m.availability === "deprecated" || m.availability === "unknown";
  const chosen = config.defaultModel ? models.find((m) => m.id === config.defaultModel && usable(m)) : undefined;
  if (chosen) return chosen.id;
  const family = defaultFamily().id;
  const order: Availability[] = ["available", "deprecated", "unknown"];
  for (const a of order) {
    const hit = models.find((m) => m.family === family && m.availability === a);
    if (hit) return hit.id;
  }
  return models.find(usable)?.id ?? null;
}

export type CurrentCatalog = ModelsCatalog & {
  gateway: GatewayId | undefined;
  hidden: Set<string>;
  /** The catalog's cards by id (one function per catalog build, so schemas built on it are reused). */
  lookup: (id: string) => CatalogModel | undefined;
};

/**
 * Built once per change of what decides it: the lists (their version), the admin's settings (the stored
 * row's `updatedAt`), the environment and the date (a shutdown date passes at midnight UTC).
 */
let cached: { key: string; env: object; catalog: CurrentCatalog } | null = null;

/** The catalog as it stands now (no list is read here: see `ensureLists`). Callers must not change it. */
export async function currentCatalog(): Promise<CurrentCatalog> {
  const stored = await getSettingRow(SETTINGS_KEY);
  const key = `${listsVersion()}|${stored?.updatedAt ?? null}|${today()}`;
  const e = env();
  if (cached && cached.key === key && cached.env === e) return cached.catalog;
  const catalog = buildCatalog(configOf(stored?.value));
  cached = { key, env: e, catalog };
  return catalog;
}

function buildCatalog(config: ModelsConfig): CurrentCatalog {
  const providers = providerInfos(config.gateway).map((p) => {
    const { refreshedAt, ok, error } = listState(p.id);
    return { ...p, catalog: { refreshedAt, ok, error } };
  });
  const streams = new Map(PROVIDERS.map((p) => [p.id, p.resolveConfig(config.gateway)]));
  const hidden = new Set(config.hidden ?? []);
  const models: CatalogModel[] = collectCards(config).map(({ card, source }) => {
    const resolved = streams.get(card.provider);
    const canStream = resolved?.configured ? (resolved.config.gateway?.streams ?? false) : false;
    return { ...forGateway(card, canStream), ...availabilityOf(card), source, replacements: [] };
  });
  for (const m of models) m.replacements = replacementsFor(m, models);
  const visible = models.filter((m) => !hidden.has(m.id));
  const byId = new Map(visible.map((m) => [m.id, m]));
  const lookup = (id: string) => byId.get(id);
  return {
    providers,
    models: visible,
    defaultModel: pickDefault(visible, config),
    gateway: config.gateway,
    hidden,
    lookup,
  };
}

/** Families in registry order, for the settings page. */
export const familyIds = () => FAMILIES.map((f) => ({ id: f.id, label: f.label, provider: f.provider }));
