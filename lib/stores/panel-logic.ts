import type { Issue } from "@/lib/errors";
import type { ModelCard, Operation, ProviderId } from "@/lib/models";
import type { ParamValues } from "@/lib/validation";
import { generationRequestSchema, paramState, sanitizeParamsForModel, toIssues, visibleParams } from "@/lib/validation";

/**
 * Pure rules of the parameter panel, on top of the shared validation module (the server runs the
 * same checks). Everything is derived from `GET /api/models`: no model id is named here.
 */

export interface ProviderSummary {
  id: ProviderId;
  label: string;
  configured: boolean;
  simulated: boolean;
  available: boolean;
}

export interface ModelsCatalog {
  providers: ProviderSummary[];
  models: ModelCard[];
}

export function providerOf(catalog: ModelsCatalog, card: Pick<ModelCard, "provider">): ProviderSummary | undefined {
  return catalog.providers.find((p) => p.id === card.provider);
}

export const isAvailable = (catalog: ModelsCatalog, card: ModelCard): boolean =>
  providerOf(catalog, card)?.available === true;

export const canEdit = (card: ModelCard): boolean => card.operations.includes("edit") && card.limits.maxImages > 0;

/** Models grouped by provider, in the providers' order; providers without models are left out. */
export function groupModels(catalog: ModelsCatalog): { provider: ProviderSummary; models: ModelCard[] }[] {
  return catalog.providers
    .map((provider) => ({ provider, models: catalog.models.filter((m) => m.provider === provider.id) }))
    .filter((g) => g.models.length > 0);
}

/** The remembered model when it is still offered and usable, else the first usable one. */
export function pickModel(catalog: ModelsCatalog, preferred: string | null): ModelCard | undefined {
  const usable = catalog.models.filter((m) => isAvailable(catalog, m));
  return usable.find((m) => m.id === preferred) ?? usable[0];
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

/** What is sent: visible params that hold a value and are not locked by a rule right now. */
export function submittableParams(card: ModelCard, operation: Operation, values: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const name of visibleParams(card, operation)) {
    if (values[name] === undefined) continue;
    if (paramState(card, operation, values, name).locked) continue;
    out[name] = values[name];
  }
  return out;
}

export interface PanelDraft {
  card: ModelCard;
  operation: Operation;
  prompt: string;
  values: ParamValues;
  inputAssetIds: string[];
}

export interface GenerationBody {
  model: string;
  operation: Operation;
  prompt: string;
  params: ParamValues;
  inputAssetIds?: string[];
  maskAssetId?: string;
}

export function buildRequest(d: PanelDraft): GenerationBody {
  const body: GenerationBody = {
    model: d.card.id,
    operation: d.operation,
    prompt: d.prompt,
    params: submittableParams(d.card, d.operation, d.values),
  };
  if (d.operation === "edit") body.inputAssetIds = d.inputAssetIds;
  return body;
}

export const isPromptEmpty = (prompt: string): boolean => prompt.trim() === "";

/**
 * The server's own schema, run in the browser: issues with the server's paths (`params.n`,
 * `prompt`, `inputAssetIds`). An empty prompt is the panel's "not ready yet", not an error to show,
 * and must not hide the card checks (zod skips them once a field fails), so a stand-in is checked.
 */
export function draftIssues(d: PanelDraft): Issue[] {
  const body = buildRequest(d);
  const r = generationRequestSchema.safeParse(isPromptEmpty(d.prompt) ? { ...body, prompt: "-" } : body);
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
