import type { ModelCard, ParamValue } from "@/lib/models";
import { specOf, type ParamValues } from "./rules";

/**
 * How many images a request asks for, from the card's `imageCount` (Ark: `max_images` while a group
 * is on) or else its `n`. Isomorphic: the panel can show it, the server stores it as `total`.
 */

function valueOf(card: ModelCard, values: ParamValues, name: string): unknown {
  return values[name] !== undefined ? values[name] : specOf(card, name)?.default;
}

export function requestedImageCount(card: ModelCard, values: ParamValues): number {
  const spec = card.imageCount;
  const name = spec?.param ?? "n";
  if (spec?.when && !spec.when.in.includes(valueOf(card, values, spec.when.param) as ParamValue)) return 1;
  const v = valueOf(card, values, name);
  return typeof v === "number" && Number.isInteger(v) && v > 1 ? v : 1;
}

/** True when the model may return fewer than `requestedImageCount` without anything failing. */
export function imageCountIsCeiling(card: ModelCard, values: ParamValues): boolean {
  const spec = card.imageCount;
  return Boolean(spec?.upTo) && requestedImageCount(card, values) > 1;
}

/**
 * `values` asking for `n` images instead (a retry of only the missing ones): the card's count parameter set
 * to `n`, or left out at 1 when the card has no count parameter at all.
 */
export function withImageCount(card: ModelCard, values: ParamValues, n: number): ParamValues {
  const name = card.imageCount?.param ?? "n";
  if (!specOf(card, name)) return values;
  return { ...values, [name]: n };
}
