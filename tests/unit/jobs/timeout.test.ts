/**
 * The bound on one upstream request (lib/jobs/timeout.ts): an admin's per-model `timeoutS`, else a fixed
 * UPSTREAM_TIMEOUT_MS, else the family's latency hint scaled by images × megapixels × quality, plus 10 s per
 * input image, within [3 min, 20 min]. The expected figures are worked out by hand from those rules.
 */
import { describe, expect, it } from "vitest";
import { upstreamTimeoutMs } from "@/lib/jobs/timeout";
import { getModel, type ModelCard } from "@/lib/models";

const card = (id: string) => getModel(id) as ModelCard;
const GPT2 = card("gpt-image-2"); // latency 60 s + 90 s per image
const GEMINI = card("gemini-3-pro-image"); // 30 s + 60 s per image
const S40 = card("doubao-seedream-4-0-250828"); // 30 s + 30 s per image

const MIN = 180_000;
const MAX = 1_200_000;
const t = (c: ModelCard, params: Record<string, unknown>, inputs = 0, fixed?: number) =>
  upstreamTimeoutMs(c, params, inputs, fixed);

describe("upstreamTimeoutMs", () => {
  it("reads the upstream's defaults for gpt-image-2 (size auto ≈ 1.5 MP, quality auto ×1.5)", () => {
    expect(t(GPT2, {})).toBe(262_500); // 60 + 90 × 1 × 1.5 × 1.5
    expect(t(GPT2, { size: "auto", quality: "auto" })).toBe(262_500);
  });

  it("scales with the images asked for (n; an Ark group's max_images)", () => {
    expect(t(GPT2, { n: 2 })).toBe(465_000); // 60 + 90 × 2 × 2.25
    expect(t(GPT2, { n: 4 })).toBe(870_000);
    const group = { size: "2K", sequential_image_generation: "auto" };
    // Seedream has no quality param: factor 1.
    expect(t(S40, { ...group, max_images: 2 })).toBe(270_000); // 30 + 30 × 2 × 4
    expect(t(S40, { ...group, max_images: 6 })).toBe(750_000); // 30 + 30 × 6 × 4
    // An unchosen max_images is the card's default (4) while the group is on.
    expect(t(S40, { sequential_image_generation: "auto" })).toBe(510_000); // 30 + 30 × 4 × 4 (default 2K)
    // max_images counts only while the group is on.
    expect(t(S40, { size: "4K", max_images: 4 })).toBe(510_000); // 30 + 30 × 1 × 16
  });

  it("scales with the size: WIDTHxHEIGHT by its pixels, presets by their megapixels", () => {
    expect(t(GPT2, { size: "2048x2048", quality: "medium" })).toBe(437_487); // 60 + 90 × 4.194304
    expect(t(GPT2, { size: "3840x2160", quality: "medium" })).toBe(806_496); // 60 + 90 × 8.2944
    // Gemini has no quality param: factor 1.
    expect(t(GEMINI, { image_size: "2K" })).toBe(270_000); // 30 + 60 × 4
    expect(t(GEMINI, { image_size: "4K" })).toBe(990_000); // 30 + 60 × 16
    expect(t(GEMINI, { image_size: "1K" })).toBe(MIN); // 30 + 60 × 1 = 90 s
    expect(t(S40, { size: "4K" })).toBe(510_000); // 30 + 30 × 16
  });

  it("scales with the quality: low ×0.5, medium and standard ×1, auto and hd ×1.5, high ×2.5", () => {
    expect(t(GPT2, { quality: "high" })).toBe(397_500); // 60 + 90 × 1.5 × 2.5
    expect(t(GPT2, { quality: "medium" })).toBe(195_000); // 60 + 90 × 1.5
    expect(t(GPT2, { quality: "low" })).toBe(MIN); // 127.5 s
    const dalle = card("dall-e-3"); // 30 + 60 per image
    expect(t(dalle, { size: "1792x1024", quality: "hd" })).toBe(195_151); // 30 + 60 × 1.835008 × 1.5
    expect(t(dalle, { size: "1792x1024", quality: "standard" })).toBe(MIN); // 140.1 s
  });

  it("adds 10 s per input image", () => {
    expect(t(GPT2, { quality: "high" }, 3)).toBe(427_500);
    expect(t(GPT2, { quality: "high" }, 16)).toBe(557_500);
  });

  it("stays within 3 and 20 minutes", () => {
    expect(t(GPT2, { quality: "low", size: "1024x1024" })).toBe(MIN);
    expect(t(GPT2, { n: 10, quality: "high", size: "3840x2160" })).toBe(MAX);
    expect(t(GPT2, { n: 4, size: "3840x2160", quality: "high" })).toBe(MAX); // 60 + 90 × 4 × 8.29 × 2.5
    for (const c of [GPT2, GEMINI, S40])
      for (const params of [{}, { n: 10 }, { size: "1024x1024", quality: "low" }]) {
        const ms = t(c, params);
        expect(ms).toBeGreaterThanOrEqual(MIN);
        expect(ms).toBeLessThanOrEqual(MAX);
      }
  });

  it("counts the upstream's defaults for what was not chosen (an unchosen 2K is still 2K)", () => {
    expect(t(S40, {})).toBe(MIN); // 30 + 30 × 1 × 4 (default 2K) = 150 s
    expect(t(card("doubao-seedream-4-5-251128"), { sequential_image_generation: "auto" })).toBe(510_000);
  });

  it("a fixed UPSTREAM_TIMEOUT_MS wins over the scaling, unbounded", () => {
    expect(t(GPT2, { n: 10, quality: "high" }, 4, 5_000)).toBe(5_000);
    expect(t(GPT2, {}, 0, 3_000_000)).toBe(3_000_000);
  });

  it("an admin's per-model timeoutS wins over everything", () => {
    const slow = { ...GPT2, timeoutS: 42 };
    expect(t(slow, {}, 0, undefined)).toBe(42_000);
    expect(t(slow, { n: 10, quality: "high" }, 16, 5_000)).toBe(42_000);
    expect(t({ ...GPT2, timeoutS: 3600 }, {}, 0, 5_000)).toBe(3_600_000);
  });
});
