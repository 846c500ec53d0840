/** The image count the job runner stores as a generation's `total`, from each card's `imageCount` or `n`. */
import { describe, expect, it } from "vitest";
import { getModel, type ModelCard } from "@/lib/models";
import { imageCountIsCeiling, requestedImageCount } from "@/lib/validation";

const S40 = "doubao-seedream-4-0-250828";
const S45 = "doubao-seedream-4-5-251128";
const S30 = "doubao-seedream-3-0-t2i-250415";
const SEEDEDIT = "doubao-seededit-3-0-i2i-250628";
const G3P = "gemini-3-pro-image-preview";
const card = (id: string): ModelCard => getModel(id)!;

describe("requestedImageCount / imageCountIsCeiling (the generation's total)", () => {
  it.each([
    ["gpt-image-1", { n: 3 }, 3, false],
    ["gpt-image-1", {}, 1, false],
    ["dall-e-3", { n: 1 }, 1, false],
    [G3P, { aspect_ratio: "1:1" }, 1, false],
    [S40, { sequential_image_generation: "disabled" }, 1, false],
    [S40, { sequential_image_generation: "auto", max_images: 3 }, 3, true],
    [S45, { sequential_image_generation: "auto" }, 4, true],
    [S40, { sequential_image_generation: "auto", max_images: 1 }, 1, false],
    [S30, { seed: 1 }, 1, false],
    [SEEDEDIT, {}, 1, false],
  ] as const)("%s %j → %i (ceiling: %s)", (id, params, count, ceiling) => {
    expect(requestedImageCount(card(id), params)).toBe(count);
    expect(imageCountIsCeiling(card(id), params)).toBe(ceiling);
  });
});
