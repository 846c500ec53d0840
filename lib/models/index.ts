import { deriveCard } from "./derive";
import { ARK_FAMILIES } from "./families/ark";
import { GEMINI_FAMILIES } from "./families/gemini";
import { OPENAI_IMG_FAMILIES } from "./families/openai-img";
import type { ModelCard, ModelFamily } from "./types";

/**
 * The capability registry: model families, not model ids. Each family holds the rules its models
 * share and the ids known today; a gateway's list adds more ids of a family (its `idPattern`) without a
 * code change. Isomorphic: the server derives cards from it, the panel reads the cards it is served.
 * Adding a model of an existing family = one member line in its family's file.
 */

export * from "./types";
export { deriveCard } from "./derive";

/** Frozen: families share spec objects, so one caller's edit would leak into other models. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const FAMILIES: readonly ModelFamily[] = deepFreeze([
  ...OPENAI_IMG_FAMILIES,
  ...GEMINI_FAMILIES,
  ...ARK_FAMILIES,
]);

const FAMILY_BY_ID = new Map(FAMILIES.map((f) => [f.id, f]));
const PATTERNS = FAMILIES.flatMap((f) => (f.idPattern ? [{ family: f, re: new RegExp(f.idPattern) }] : []));

export function getFamily(id: string): ModelFamily | undefined {
  return FAMILY_BY_ID.get(id);
}

/** The studio's default family (flagged in the registry, never named in code). */
export function defaultFamily(): ModelFamily {
  return FAMILIES.find((f) => f.default) ?? FAMILIES[0];
}

/** The built-in cards: every known member of every family, in family order (snapshots only when listed). */
export const MODELS: readonly ModelCard[] = deepFreeze(
  FAMILIES.flatMap((family) => family.members.map((member) => deriveCard({ family, member, id: member.id }))),
);

const BUILTIN = new Map(MODELS.map((m) => [m.id, m]));

/** Which family an id belongs to: a member, a member's snapshot, or the family's id pattern. */
export function matchFamily(id: string): { family: ModelFamily; member?: ModelFamily["members"][number] } | undefined {
  for (const family of FAMILIES) {
    const member = family.members.find((m) => m.id === id || m.snapshots?.includes(id));
    if (member) return { family, member };
  }
  const hit = PATTERNS.find((p) => p.re.test(id));
  return hit ? { family: hit.family } : undefined;
}

/**
 * The card of a built-in id, or of any id a family recognises (a dated snapshot, a gateway variant).
 * The live catalog (lib/catalog) decides which of them are offered; this only knows rules.
 */
export function getModel(id: string): ModelCard | undefined {
  const builtin = BUILTIN.get(id);
  if (builtin) return builtin;
  const match = matchFamily(id);
  return match ? deepFreeze(deriveCard({ ...match, id })) : undefined;
}

/** A deep copy of the built-in cards, for callers that decorate them. */
export function describeModels(): ModelCard[] {
  return structuredClone(MODELS as ModelCard[]);
}
