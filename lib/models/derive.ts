import type { FamilyMember, FeatureTag, ModelCard, ModelFamily, ParamSpec } from "./types";

/**
 * A family's rules applied to one of its ids. Pure data in, plain JSON out: the server serves the
 * result, the panel and the validator read it.
 */

function memberParams(family: ModelFamily, member: FamilyMember | undefined): Record<string, ParamSpec> {
  const removed = new Set(member?.removeParams ?? []);
  const out: Record<string, ParamSpec> = {};
  for (const [name, spec] of Object.entries(family.params)) {
    if (!removed.has(name)) out[name] = member?.params?.[name] ?? spec;
  }
  return out;
}

/** A feature tag stays unless every param that carried it was removed for this id. */
function memberTags(family: ModelFamily, params: Record<string, ParamSpec>): FeatureTag[] {
  const carried = new Set(Object.values(family.params).flatMap((s) => (s.featureTag ? [s.featureTag] : [])));
  const kept = new Set(Object.values(params).flatMap((s) => (s.featureTag ? [s.featureTag] : [])));
  return family.featureTags.filter((t) => !carried.has(t) || kept.has(t));
}

export interface CardSource {
  family: ModelFamily;
  /** The known member this id is (or is a snapshot of); absent for an id only the family's pattern matched. */
  member?: FamilyMember;
  id: string;
  label?: string;
  upstreamId?: string;
  timeoutS?: number;
}

export function deriveCard({ family, member, id, label, upstreamId, timeoutS }: CardSource): ModelCard {
  const params = memberParams(family, member);
  const params_ = structuredClone(params);
  const snapshot = member && member.id !== id;
  const card: ModelCard = {
    id,
    label: label ?? (member ? (snapshot ? `${member.label} (${id})` : member.label) : `${family.label} (${id})`),
    family: family.id,
    familyLabel: family.label,
    upstreamId: upstreamId ?? id,
    provider: family.provider,
    operations: [...family.operations],
    featureTags: memberTags(family, params),
    params: params_,
    limits: { ...family.limits, ...member?.limits },
    rules: family.rules.filter((r) => r.param in params && r.when.param in params).map((r) => structuredClone(r)),
    latency: { ...family.latency },
    shutdownDate: member?.shutdownDate ?? null,
    unconfirmed: [...(family.unconfirmed ?? []), ...(member?.unconfirmed ?? [])],
  };
  if (!member) card.unconfirmed.push(`${id} is not a known id: the ${family.label} family's rules are assumed`);
  if (family.imageCount) card.imageCount = structuredClone(family.imageCount);
  if (family.wire) card.wire = { ...family.wire };
  if (timeoutS !== undefined) card.timeoutS = timeoutS;
  return card;
}
