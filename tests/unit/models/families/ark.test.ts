/**
 * The Ark (Seedream / SeedEdit) family cards, written from docs/upstreams.md §G.2 rather than from the cards,
 * checked through the same validation the server runs.
 */
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { getModel, type ModelCard, type Operation } from "@/lib/models";
import { defaultParams, sanitizeParamsForModel, validateGenerationRequest, visibleParams } from "@/lib/validation";

const S40 = "doubao-seedream-4-0-250828";
const S45 = "doubao-seedream-4-5-251128";
const S30 = "doubao-seedream-3-0-t2i-250415";
const SEEDEDIT = "doubao-seededit-3-0-i2i-250628";

const card = (id: string): ModelCard => getModel(id)!;

function request(
  model: string,
  operation: Operation,
  params: Record<string, unknown>,
  images = operation === "edit" ? 1 : 0,
) {
  const ids = Array.from({ length: images }, () => newId("ast"));
  return validateGenerationRequest({
    model,
    operation,
    prompt: "a ceramic mug",
    params,
    ...(images ? { inputAssetIds: ids } : {}),
  });
}
const accepts = (model: string, op: Operation, params: Record<string, unknown>, images?: number) => {
  const r = request(model, op, params, images);
  return r.ok ? null : r.error.toBody().error;
};
const issuePaths = (model: string, op: Operation, params: Record<string, unknown>, images?: number) => {
  const r = request(model, op, params, images);
  if (r.ok) return [];
  return r.error.code === "invalid_request"
    ? (r.error.details.issues as { path: string }[]).map((i) => i.path)
    : [r.error.code];
};

describe("Ark cards (§G.2)", () => {
  it("have no n; Seedream 4.x count images with a group, the others make one", () => {
    for (const id of [S40, S45, S30, SEEDEDIT]) expect(card(id).params.n).toBeUndefined();
    expect(card(S40).limits).toMatchObject({ maxN: 15, maxImages: 14, maxTotalImages: 15 });
    expect(card(S45).limits).toMatchObject({ maxN: 15, maxImages: 14, maxTotalImages: 15 });
    expect(card(S30)).toMatchObject({ operations: ["generate"], limits: { maxN: 1, maxImages: 0 } });
    expect(card(SEEDEDIT)).toMatchObject({ operations: ["edit"], limits: { maxN: 1, maxImages: 1 } });
  });

  it("offer seed and guidance only where Ark takes them (3.0, SeedEdit), prompt optimization only on 4.0", () => {
    expect(visibleParams(card(S40), "generate")).toEqual([
      "size",
      "sequential_image_generation",
      "max_images",
      "prompt_optimization",
      "watermark",
      "response_format",
    ]);
    expect(visibleParams(card(S45), "edit")).toEqual([
      "size",
      "sequential_image_generation",
      "max_images",
      "watermark",
      "response_format",
    ]);
    expect(visibleParams(card(S30), "generate")).toEqual([
      "size",
      "seed",
      "guidance_scale",
      "watermark",
      "response_format",
    ]);
    expect(visibleParams(card(SEEDEDIT), "edit")).toEqual(["seed", "guidance_scale", "watermark", "response_format"]);
    expect(issuePaths(S40, "generate", { seed: 1 })).toEqual(["param_not_supported"]);
    expect(issuePaths(S45, "generate", { guidance_scale: 3 })).toEqual(["param_not_supported"]);
    expect(issuePaths(S45, "generate", { prompt_optimization: "fast" })).toEqual(["param_not_supported"]);
    expect(issuePaths(S30, "generate", { sequential_image_generation: "auto" })).toEqual(["param_not_supported"]);
  });

  const sizes: [string, string[], string[]][] = [
    [
      S40,
      ["1K", "2K", "4K", "2048x2048", "2848x1600", "1280x720", "4096x256", "4096x4096"],
      ["8K", "1280x719", "4112x256", "4097x4096", "2k", "1024X1024", ""],
    ],
    [S45, ["2K", "4K", "1920x1920", "2560x1440", "4096x4096"], ["1K", "1920x1919", "1280x720", "4096x4097"]],
    [
      S30,
      ["1024x1024", "512x512", "2048x2048", "1536x640", "864x1152"],
      ["511x600", "2049x1024", "1600x400", "2048x400", "1K", "auto"],
    ],
  ];
  it.each(sizes)("%s takes its own sizes", (id, ok, bad) => {
    for (const size of ok) expect(accepts(id, "generate", { size }), size).toBeNull();
    for (const size of bad) expect(issuePaths(id, "generate", { size }), size).toEqual(["params.size"]);
  });

  it("validates seed, guidance, watermark, delivery and group values", () => {
    for (const seed of [-1, 0, 2147483647]) expect(accepts(S30, "generate", { seed })).toBeNull();
    for (const seed of [-2, 2147483648, 1.5, "7"])
      expect(issuePaths(S30, "generate", { seed })).toEqual(["params.seed"]);
    for (const g of [1, 2.5, 7.25, 10]) expect(accepts(SEEDEDIT, "edit", { guidance_scale: g })).toBeNull();
    for (const g of [0.5, 10.5, "5"])
      expect(issuePaths(SEEDEDIT, "edit", { guidance_scale: g })).toEqual(["params.guidance_scale"]);
    expect(issuePaths(S40, "generate", { watermark: "false" })).toEqual(["params.watermark"]);
    expect(issuePaths(S40, "generate", { response_format: "base64" })).toEqual(["params.response_format"]);
    expect(issuePaths(S40, "generate", { sequential_image_generation: "on" })).toEqual([
      "params.sequential_image_generation",
    ]);
    for (const m of [0, 16, 2.5])
      expect(issuePaths(S40, "generate", { sequential_image_generation: "auto", max_images: m })).toEqual([
        "params.max_images",
      ]);
  });

  it("take max_images only while the group is on, and leave its default out otherwise", () => {
    expect(issuePaths(S40, "generate", { max_images: 3 })).toEqual(["params.max_images"]);
    expect(accepts(S40, "generate", { sequential_image_generation: "auto", max_images: 15 })).toBeNull();
    expect(defaultParams(card(S40), "generate")).toEqual({
      size: "2K",
      sequential_image_generation: "disabled",
      prompt_optimization: "standard",
      watermark: false,
      response_format: "b64_json",
    });
    const r = request(S45, "generate", { sequential_image_generation: "auto" });
    expect(r.ok && r.value.params).toMatchObject({ sequential_image_generation: "auto", max_images: 4 });
  });

  it("count reference images and group images against one budget of 15", () => {
    const group = (max?: number) => ({ sequential_image_generation: "auto", ...(max ? { max_images: max } : {}) });
    expect(accepts(S40, "edit", group(4), 11)).toBeNull();
    expect(issuePaths(S40, "edit", group(5), 11)).toEqual(["params.max_images"]);
    expect(issuePaths(S45, "edit", group(), 12)).toEqual(["inputAssetIds"]); // the default 4 does not fit
    expect(accepts(S45, "edit", group(3), 12)).toBeNull();
    expect(accepts(S40, "edit", {}, 14)).toBeNull(); // no group: one image
    const r = request(S40, "edit", group(5), 11);
    expect(!r.ok && r.error.message).toContain(
      "takes at most 15 images in all: 11 input images plus 5 to generate is 16",
    );
  });

  it("SeedEdit takes exactly one image", () => {
    expect(accepts(SEEDEDIT, "edit", {}, 1)).toBeNull();
    expect(issuePaths(SEEDEDIT, "edit", {}, 2)).toEqual(["inputAssetIds"]);
    expect(issuePaths(SEEDEDIT, "edit", {}, 0)).toEqual(["inputAssetIds"]);
  });

  it("carry over what fits from another model's values", () => {
    const fromGpt = { n: 4, size: "1024x1024", quality: "high" };
    expect(sanitizeParamsForModel(card(S30), "generate", fromGpt)).toMatchObject({
      size: "1024x1024",
      guidance_scale: 2.5,
    });
    expect(sanitizeParamsForModel(card(S40), "generate", fromGpt)).toMatchObject({ size: "1024x1024" }); // ≥ 921,600 px
    expect(sanitizeParamsForModel(card(S45), "generate", fromGpt)).toMatchObject({ size: "2K" }); // under 4.5's floor
    expect(sanitizeParamsForModel(card(S40), "generate", { max_images: 6 })).not.toHaveProperty("max_images");
  });
});
