import type { Availability, CatalogModel, ModelsCatalog, ModelSource, ProviderSummary } from "@/lib/contracts/models";
// Types only: both modules are server-only, their shapes are the PUT body and the GET answer.
import type { ModelsConfig } from "@/lib/catalog/models-config";
import type { ModelSettingsView } from "@/lib/catalog/settings";
import type { Issue } from "@/lib/errors";
import { getModel, matchFamily } from "@/lib/models";

/**
 * Pure rules of the model settings page: the form's draft to and from the `PUT /api/settings/models` body,
 * the rows of the models table (the catalog plus what it cannot show: hidden and not yet saved models), and
 * the server's issue paths mapped back onto the fields they came from.
 */

export type { ModelsConfig, ModelSettingsView };
type ConfigEntry = NonNullable<ModelsConfig["models"]>[number];

/** An entry while it is edited: the text fields hold what was typed, so a bad value reaches the server as is. */
export interface DraftEntry {
  id: string;
  family?: string;
  aliasOf?: string;
  label: string;
  timeout: string;
}

export interface Draft {
  gateway: string;
  defaultModel: string | null | undefined;
  /** The admin's own hidden ids (the deployment's are added when sending). */
  hidden: string[];
  entries: DraftEntry[];
}

export function draftFrom(settings: ModelsConfig, file: ModelsConfig): Draft {
  const fileHidden = new Set(file.hidden ?? []);
  return {
    gateway: settings.gateway ?? "",
    defaultModel: settings.defaultModel,
    hidden: (settings.hidden ?? []).filter((id) => !fileHidden.has(id)),
    entries: (settings.models ?? []).map((m) => ({
      id: m.id,
      family: m.family,
      aliasOf: m.aliasOf,
      label: m.label ?? "",
      timeout: m.timeoutS === undefined ? "" : String(m.timeoutS),
    })),
  };
}

/** The body to PUT, and which draft entry each `models[i]` is (to put the server's issues back on the row). */
export function bodyOf(draft: Draft, file: ModelsConfig): { body: ModelsConfig; entryIds: string[]; hidden: string[] } {
  const body: ModelsConfig = {};
  if (draft.gateway) body.gateway = draft.gateway as ModelsConfig["gateway"];
  if (draft.defaultModel !== undefined) body.defaultModel = draft.defaultModel;
  // The admin's hidden list replaces the deployment's, so the deployment's ids are sent along: they stay hidden.
  const hidden = [...new Set([...(file.hidden ?? []), ...draft.hidden])];
  if (hidden.length) body.hidden = hidden;
  const kept = draft.entries.filter((e) => e.family || e.aliasOf || e.label.trim() || e.timeout.trim());
  if (kept.length) {
    body.models = kept.map((e) => {
      const out: ConfigEntry = { id: e.id };
      if (e.family) out.family = e.family;
      if (e.aliasOf) out.aliasOf = e.aliasOf;
      if (e.label.trim()) out.label = e.label.trim();
      if (e.timeout.trim()) {
        const n = Number(e.timeout);
        // Not a number: sent as typed, so the server's message names the problem.
        out.timeoutS = (Number.isFinite(n) ? n : e.timeout.trim()) as number;
      }
      return out;
    });
  }
  return { body, entryIds: kept.map((e) => e.id), hidden };
}

export const sameBody = (a: ModelsConfig, b: ModelsConfig): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Field keys the page shows errors on: `gateway`, `defaultModel`, `general`, or `<modelId>.<field>`. */
export type FieldErrors = Record<string, string>;

export const fieldKey = (modelId: string, field: "hidden" | "label" | "timeoutS" | "entry"): string =>
  `${modelId}.${field}`;

/** The server's issues (`details.issues`) on the fields they name; what names no field goes to `general`. */
export function fieldErrors(issues: Issue[], entryIds: string[], hidden: string[]): FieldErrors {
  const out: FieldErrors = {};
  const put = (key: string, message: string) => void (out[key] ??= message);
  for (const { path, message } of issues) {
    const [head, index, field] = path.split(".");
    const i = Number(index);
    if (head === "gateway" || head === "defaultModel") put(head, message);
    else if (head === "models" && entryIds[i] !== undefined) {
      const key = field === "label" || field === "timeoutS" ? field : "entry";
      put(fieldKey(entryIds[i], key), message);
    } else if (head === "hidden" && hidden[i] !== undefined) put(fieldKey(hidden[i], "hidden"), message);
    else put("general", path ? `${path}: ${message}` : message);
  }
  return out;
}

/** One row of the models table. */
export interface ModelRow {
  id: string;
  label: string;
  /** The model's own label, before an admin's: the label field's placeholder. */
  baseLabel: string;
  provider: string;
  family: string;
  /** Absent: the catalog does not show it (hidden, or not saved yet). */
  availability?: Availability;
  source: ModelSource;
  shutdownDate: string | null;
  unconfirmed: string[];
  aliasOf?: string;
  pending: boolean;
}

function rowOf(m: CatalogModel, aliasOf: string | undefined): ModelRow {
  const base = aliasOf ? undefined : getModel(m.id);
  return {
    id: m.id,
    label: m.label,
    baseLabel: base?.label ?? m.label,
    provider: m.provider,
    family: m.family,
    availability: m.availability,
    source: m.source,
    shutdownDate: m.shutdownDate,
    unconfirmed: m.unconfirmed,
    aliasOf,
    pending: false,
  };
}

/**
 * A row for an id the catalog does not list: `GET /api/models` leaves hidden models out, and a model
 * added on this page exists only once saved. Its rules come from the registry (or its alias target).
 */
function offCatalogRow(
  id: string,
  entry: DraftEntry | ConfigEntry | undefined,
  known: Map<string, ModelRow>,
  families: ModelSettingsView["families"],
  pending: boolean,
): ModelRow | undefined {
  const target = entry?.aliasOf ? (known.get(entry.aliasOf) ?? rowFromRegistry(entry.aliasOf)) : undefined;
  const family = entry?.family ? families.find((f) => f.id === entry.family) : undefined;
  const registry = entry?.aliasOf || entry?.family ? undefined : rowFromRegistry(id);
  const provider = target?.provider ?? family?.provider ?? registry?.provider;
  const familyId = target?.family ?? family?.id ?? registry?.family;
  if (!provider || !familyId) return undefined;
  const label = (entry?.label || undefined) ?? registry?.label ?? id;
  return {
    id,
    label,
    baseLabel: registry?.label ?? id,
    provider,
    family: familyId,
    source: registry && !pending ? registry.source : "config",
    shutdownDate: registry?.shutdownDate ?? null,
    unconfirmed: registry?.unconfirmed ?? [],
    aliasOf: entry?.aliasOf,
    pending,
  };
}

function rowFromRegistry(id: string): ModelRow | undefined {
  const card = getModel(id);
  if (!card) return undefined;
  return {
    id,
    label: card.label,
    baseLabel: card.label,
    provider: card.provider,
    family: card.family,
    // A family member is built in; a snapshot or a pattern match is known only from a gateway's list.
    source: matchFamily(id)?.member?.id === id ? "builtin" : "gateway",
    shutdownDate: card.shutdownDate,
    unconfirmed: card.unconfirmed,
    pending: false,
  };
}

export interface RowGroup {
  key: string;
  provider: ProviderSummary;
  familyLabel: string;
  rows: ModelRow[];
}

/**
 * The table: the catalog's models, then hidden ones it leaves out, then ones added but not yet saved;
 * grouped by provider (catalog order) and family (registry order).
 */
export function modelRows(
  catalog: ModelsCatalog,
  view: ModelSettingsView,
  draft: Draft,
  savedHidden: string[],
): RowGroup[] {
  const entries = new Map(draft.entries.map((e) => [e.id, e]));
  const saved = new Map((view.settings.models ?? []).map((m) => [m.id, m]));
  const fileEntries = new Map((view.file.models ?? []).map((m) => [m.id, m]));
  const aliasOf = (id: string) => entries.get(id)?.aliasOf ?? saved.get(id)?.aliasOf ?? fileEntries.get(id)?.aliasOf;
  const rows = new Map<string, ModelRow>();
  for (const m of catalog.models) rows.set(m.id, rowOf(m, aliasOf(m.id)));
  const hiddenIds = [...(view.file.hidden ?? []), ...savedHidden, ...draft.hidden];
  for (const id of hiddenIds) {
    if (rows.has(id)) continue;
    const row = offCatalogRow(id, entries.get(id) ?? saved.get(id) ?? fileEntries.get(id), rows, view.families, false);
    if (row) rows.set(id, row);
  }
  for (const e of draft.entries) {
    if (rows.has(e.id) || !(e.family || e.aliasOf)) continue;
    const row = offCatalogRow(e.id, e, rows, view.families, true);
    if (row) rows.set(e.id, row);
  }
  const familyOrder = view.families.map((f) => f.id);
  const groups: RowGroup[] = [];
  for (const provider of catalog.providers) {
    const mine = [...rows.values()].filter((r) => r.provider === provider.id);
    const families = [...new Set(mine.map((r) => r.family))].sort(
      (a, b) => rank(familyOrder, a) - rank(familyOrder, b),
    );
    for (const family of families) {
      groups.push({
        key: `${provider.id}:${family}`,
        provider,
        familyLabel: view.families.find((f) => f.id === family)?.label ?? family,
        rows: mine.filter((r) => r.family === family),
      });
    }
  }
  return groups;
}

const rank = (order: string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

/** Models a new panel may open with: offered by the gateway, on a provider this deployment can use. */
export function defaultChoices(catalog: ModelsCatalog): CatalogModel[] {
  const usable = new Set(catalog.providers.filter((p) => p.available).map((p) => p.id));
  return catalog.models.filter((m) => usable.has(m.provider) && m.availability !== "unavailable");
}

/** True when the deployment's file sets anything. */
export const fileSetsAnything = (file: ModelsConfig): boolean =>
  Boolean(file.gateway || file.defaultModel !== undefined || file.hidden?.length || file.models?.length);
