import { ARK_MODELS } from "./ark";
import { GEMINI_MODELS } from "./gemini";
import { OPENAI_IMG_MODELS } from "./openai-img";
import type { ModelCard } from "./types";

/**
 * The capability registry. Isomorphic: the panel renders from it, the server validates with it.
 * Adding a model = adding a card to its provider family's file; nothing else reads model ids.
 */

export * from "./types";

/** Frozen: cards share spec objects (GPT_RULES, GPT_LIMITS, Ark's watermark…), so one caller's edit would leak into other models. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const MODELS: readonly ModelCard[] = deepFreeze([...OPENAI_IMG_MODELS, ...GEMINI_MODELS, ...ARK_MODELS]);

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));

export function getModel(id: string): ModelCard | undefined {
  return BY_ID.get(id);
}

/**
 * The `models` array of `GET /api/models`: a deep copy, so a caller that decorates its answer
 * cannot change the registry the validator uses.
 */
export function describeModels(): ModelCard[] {
  return structuredClone(MODELS as ModelCard[]);
}
