import type { ModelCard } from "@/lib/models";
import type { ProviderId } from "@/lib/providers/types";
import { imageCountIsCeiling, requestedImageCount } from "@/lib/validation/image-count";

/**
 * Images one generation asks for (its `total`): `n` for OpenAI-img, 1 for Gemini, and for an Ark
 * image group its `max_images` (from the card's `imageCount`, so no provider is named here).
 */
export function expectedImageCount(card: ModelCard, params: Record<string, unknown>): number {
  return requestedImageCount(card, params);
}

/** True when the count is only a ceiling: an Ark group may come back smaller with nothing failed. */
export function expectedCountIsCeiling(card: ModelCard, params: Record<string, unknown>): boolean {
  return imageCountIsCeiling(card, params);
}

/**
 * How n images are asked for.
 * - OpenAI generate: n parallel requests of n=1. Each image is billed as an output image either way,
 *   and separate requests give real progress, earlier first results, and partial success when one fails.
 * - OpenAI edit: one request with n. Input images are billed per request, so n requests would pay for
 *   the inputs n times; the user sees progress per phase instead.
 * - Gemini (one image per request, no n) and Ark (a whole image group per request): one request.
 */
export function planRequests(
  provider: ProviderId,
  operation: "generate" | "edit",
  params: Record<string, unknown>,
): Record<string, unknown>[] {
  const n = typeof params.n === "number" && params.n > 1 ? params.n : 1;
  if (provider === "dmxapi_openai_img" && operation === "generate" && n > 1) {
    return Array.from({ length: n }, () => ({ ...params, n: 1 }));
  }
  return [params];
}

/** At most this many requests of one job in flight at once. */
export const REQUESTS_PER_JOB = 4;

/** Add up usage objects of several requests (numbers summed, nested objects merged). */
export function sumUsage(items: (Record<string, unknown> | null)[]): Record<string, unknown> | null {
  const present = items.filter((u): u is Record<string, unknown> => u !== null);
  if (present.length <= 1) return present[0] ?? null;
  const out: Record<string, unknown> = {};
  for (const u of present) {
    for (const [k, v] of Object.entries(u)) {
      if (typeof v === "number") out[k] = ((out[k] as number | undefined) ?? 0) + v;
      else if (v && typeof v === "object" && !Array.isArray(v))
        out[k] = sumUsage([(out[k] as Record<string, unknown>) ?? null, v as Record<string, unknown>]);
      else out[k] ??= v;
    }
  }
  return out;
}
