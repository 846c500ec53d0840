import type { ModelCard } from "@/lib/models";
import { fillDefaults, requestedImageCount } from "@/lib/validation";

/**
 * How long one upstream request may take, scaled with the work it carries (docs/upstreams.md §D.4:
 * latency follows output tokens, i.e. images × size × quality; DMXAPI's own examples wait up to
 * 1000 s). An admin's per-model `timeoutS` wins, then a fixed UPSTREAM_TIMEOUT_MS; otherwise the
 * family's latency hint × images × megapixels × quality, within [3 min, 20 min].
 */

const MIN_MS = 180_000;
const MAX_MS = 1_200_000;
const PER_INPUT_IMAGE_S = 10;

const PRESET_MEGAPIXELS: Record<string, number> = { auto: 1.5, "1K": 1, "2K": 4, "4K": 16 };
const QUALITY_FACTOR: Record<string, number> = { low: 0.5, medium: 1, standard: 1, auto: 1.5, hd: 1.5, high: 2.5 };

function megapixels(params: Record<string, unknown>): number {
  const size =
    typeof params.size === "string" ? params.size : typeof params.image_size === "string" ? params.image_size : "auto";
  const m = /^(\d+)x(\d+)$/.exec(size);
  if (m) return Math.max(0.25, (Number(m[1]) * Number(m[2])) / 1_000_000);
  return PRESET_MEGAPIXELS[size] ?? 1.5;
}

export function upstreamTimeoutMs(
  card: ModelCard,
  params: Record<string, unknown>,
  inputImages: number,
  fixedMs: number | undefined,
): number {
  if (card.timeoutS) return card.timeoutS * 1000;
  if (fixedMs !== undefined) return fixedMs;
  // What the upstream will use: the chosen params over the card's defaults (an unchosen 2K is still 2K).
  const effective = { ...fillDefaults(card, card.operations[0], {}), ...params };
  const images = requestedImageCount(card, effective);
  const quality = card.params.quality ? (QUALITY_FACTOR[String(effective.quality)] ?? 1.5) : 1;
  const seconds =
    card.latency.baseS +
    card.latency.perImageS * images * megapixels(effective) * quality +
    PER_INPUT_IMAGE_S * inputImages;
  return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, seconds * 1000)));
}
