import { buildGenerationBody, type GenerationDraft } from "@/lib/contracts/generation-body";
import type { CatalogModel, ModelsCatalog, ProviderSummary } from "@/lib/contracts/models";
import type { Issue } from "@/lib/errors";
import type { ModelCard, Operation } from "@/lib/models";
import type { ParamValues } from "@/lib/validation";
import { generationRequestSchemaFor, sanitizeParamsForModel, toIssues } from "@/lib/validation";

export type { ModelsCatalog, ProviderSummary };

/**
 * Pure rules of the parameter panel, on top of the shared validation module (the server runs the
 * same checks). Everything is derived from `GET /api/models`: no model id is named here.
 */

export function providerOf(catalog: ModelsCatalog, card: Pick<ModelCard, "provider">): ProviderSummary | undefined {
  return catalog.providers.find((p) => p.id === card.provider);
}

/** Usable now: its provider is configured and the gateway has not said the model is gone. */
export const isAvailable = (catalog: ModelsCatalog, card: ModelCard): boolean =>
  providerOf(catalog, card)?.available === true && (card as CatalogModel).availability !== "unavailable";

export const canEdit = (card: ModelCard): boolean => card.operations.includes("edit") && card.limits.maxImages > 0;

export interface ModelGroup {
  provider: ProviderSummary;
  families: { family: string; models: CatalogModel[] }[];
}

/** Models grouped by provider, then by family, in catalog order; providers without models are left out. */
export function groupModels(catalog: ModelsCatalog): ModelGroup[] {
  return catalog.providers
    .map((provider) => {
      const models = catalog.models.filter((m) => m.provider === provider.id);
      const families = [...new Set(models.map((m) => m.family))].map((family) => ({
        family,
        models: models.filter((m) => m.family === family),
      }));
      return { provider, families };
    })
    .filter((g) => g.families.length > 0);
}

/** The model to move to when `id` is gone: its first usable replacement, else the catalog's default. */
export function replacementFor(catalog: ModelsCatalog, id: string): CatalogModel | undefined {
  const gone = catalog.models.find((m) => m.id === id);
  const usable = (m: CatalogModel | undefined) => (m && isAvailable(catalog, m) ? m : undefined);
  for (const r of gone?.replacements ?? []) {
    const hit = usable(catalog.models.find((m) => m.id === r));
    if (hit) return hit;
  }
  return (
    usable(catalog.models.find((m) => m.id === catalog.defaultModel)) ??
    catalog.models.find((m) => isAvailable(catalog, m))
  );
}

/**
 * The model the panel opens with: the remembered one while it is usable; a remembered model that is
 * gone moves to its replacement (`movedFrom` says so, for a notice); no memory: the catalog's default.
 */
export function pickModel(
  catalog: ModelsCatalog,
  preferred: string | null,
): (CatalogModel & { movedFrom?: string }) | undefined {
  const remembered = preferred ? catalog.models.find((m) => m.id === preferred) : undefined;
  if (remembered && isAvailable(catalog, remembered)) return remembered;
  if (preferred && (remembered || catalog.models.length > 0)) {
    const next = replacementFor(catalog, preferred);
    if (next && remembered && remembered.availability === "unavailable") return { ...next, movedFrom: preferred };
    if (next) return next;
  }
  return replacementFor(catalog, catalog.defaultModel ?? "");
}

/** The current model when it can edit, else the first usable model that can. */
export function pickEditModel(catalog: ModelsCatalog, currentId: string | null): ModelCard | undefined {
  const usable = catalog.models.filter((m) => isAvailable(catalog, m) && canEdit(m));
  return usable.find((m) => m.id === currentId) ?? usable[0];
}

/** The operation to keep when moving to `card`: the same one when the card supports it. */
export const operationFor = (card: ModelCard, wanted: Operation): Operation =>
  card.operations.includes(wanted) ? wanted : card.operations[0];

/**
 * The panel's values for a model: its remembered values where the card still allows them, else
 * its defaults. Values of another model are never passed in, so nothing foreign is carried over.
 */
export function valuesFor(card: ModelCard, operation: Operation, remembered: ParamValues | undefined): ParamValues {
  return sanitizeParamsForModel(card, operation, remembered ?? {});
}

/** Set (or clear, with undefined) one value; the raw value is kept so the panel can show why it is wrong. */
export function withParam(values: ParamValues, name: string, value: unknown): ParamValues {
  const next = { ...values };
  if (value === undefined || value === "") delete next[name];
  else next[name] = value;
  return next;
}

export type PanelDraft = GenerationDraft;

export const buildRequest = buildGenerationBody;

export const isPromptEmpty = (prompt: string): boolean => prompt.trim() === "";

/**
 * The server's own schema, run in the browser: issues with the server's paths (`params.n`,
 * `prompt`, `inputAssetIds`). An empty prompt is the panel's "not ready yet", not an error to show,
 * and must not hide the card checks (zod skips them once a field fails), so a stand-in is checked.
 */
export function draftIssues(d: PanelDraft): Issue[] {
  const body = buildRequest(d);
  const schema = generationRequestSchemaFor((id) => (id === d.card.id ? d.card : undefined));
  const r = schema.safeParse(isPromptEmpty(d.prompt) ? { ...body, prompt: "-" } : body);
  return r.success ? [] : toIssues(r.error.issues);
}

/** First message per path, for field-level display. */
export function issuesByPath(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}

/** Inputs after adding `ids`: no duplicates, at most `max` (the oldest kept). */
export function mergeInputs<T extends { id: string }>(
  current: readonly T[],
  added: readonly T[],
  max: number,
): { inputs: T[]; dropped: number } {
  const seen = new Set<string>();
  const all = [...current, ...added].filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  return { inputs: all.slice(0, max), dropped: Math.max(0, all.length - max) };
}
