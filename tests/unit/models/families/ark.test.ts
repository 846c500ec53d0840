/**
 * The Ark (Seedream / SeedEdit) family cards, written from docs/upstreams.md §G.2 rather than from the cards,
 * checked through the same validation the server runs.
 */
import { accepts, issuePaths, request } from "@/tests/helpers/validation";
import { describe, expect, it } from "vitest";
import { getModel, MODELS, type ModelCard } from "@/lib/models";
import { defaultParams, sanitizeParamsForModel, visibleParams } from "@/lib/validation";

const S40 = "doubao-seedream-4-0-250828";
const S45 = "doubao-seedream-4-5-251128";
const S30 = "doubao-seedream-3-0-t2i-250415";
const SEEDEDIT = "doubao-seededit-3-0-i2i-250628";
const S50 = "doubao-seedream-5-0-260128";

const card = (id: string): ModelCard => getModel(id)!;

describe("Ark cards (§G.2)", () => {
  it("are exactly the Ark ids of §G.1 (5.0 lite, 4.5, 4.0, 3.0, SeedEdit), each in its family", () => {
    const ids = MODELS.filter((m) => m.provider === "ark").map((m) => [m.id, m.family]);
    expect(Object.fromEntries(ids)).toEqual({
      [S50]: "seedream-5",
      [S45]: "seedream-4",
      [S40]: "seedream-4",
      [S30]: "seedream-3",
      [SEEDEDIT]: "seededit-3",
    });
  });

  it("have no n; Seedream 4.x / 5.0 count images with a group, the others make one", () => {
    for (const id of [S50, S40, S45, S30, SEEDEDIT]) expect(card(id).params.n).toBeUndefined();
    for (const id of [S50, S40, S45]) {
      expect(card(id).operations, id).toEqual(["generate", "edit"]);
      expect(card(id).limits, id).toEqual({ maxN: 15, maxImages: 14, maxTotalImages: 15, maxPromptChars: 4000 });
      expect(card(id).imageCount, id).toEqual({
        param: "max_images",
        when: { param: "sequential_image_generation", in: ["auto"] },
        upTo: true,
      });
    }
    expect(card(S30)).toMatchObject({ operations: ["generate"], limits: { maxN: 1, maxImages: 0 } });
    expect(card(SEEDEDIT)).toMatchObject({ operations: ["edit"], limits: { maxN: 1, maxImages: 1 } });
  });

  it("offer seed and guidance only where Ark takes them (3.0, SeedEdit), prompt optimization only on 4.0, output format and web search only on 5.0", () => {
    expect(visibleParams(card(S50), "generate")).toEqual([
      "size",
      "sequential_image_generation",
      "max_images",
      "output_format",
      "web_search",
      "watermark",
      "response_format",
    ]);
    expect(visibleParams(card(S50), "edit")).toEqual(visibleParams(card(S50), "generate"));
    expect(card(S50).params.output_format).toMatchObject({ type: "enum", values: ["jpeg", "png"], default: "jpeg" });
    expect(card(S50).params.web_search).toMatchObject({ type: "boolean", default: false });
    expect(issuePaths(S40, "generate", { output_format: "png" })).toEqual(["param_not_supported"]);
    expect(issuePaths(S45, "generate", { web_search: true })).toEqual(["param_not_supported"]);
    expect(issuePaths(S50, "generate", { prompt_optimization: "fast" })).toEqual(["param_not_supported"]);
    expect(issuePaths(S50, "generate", { output_format: "webp" })).toEqual(["params.output_format"]);
    expect(accepts(S50, "generate", { output_format: "png", web_search: true })).toBeNull();
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
    // 5.0 lite: assumed 4.5's range (the card says so in `unconfirmed`).
    [S50, ["2K", "4K", "1920x1920", "2560x1440", "4096x4096"], ["1K", "1920x1919", "1280x720", "4096x4097"]],
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
    // The values Ark uses when nothing is sent (max_images is locked while the group is off).
    expect(defaultParams(card(S40), "generate")).toEqual({
      size: "2K",
      sequential_image_generation: "disabled",
      prompt_optimization: "standard",
      watermark: false,
      response_format: "b64_json",
    });
    // What is sent: the choice, plus the alwaysSend defaults: watermark and delivery (Ark's own defaults are
    // true and url), and the group size the studio counts — only while a group is on.
    const r = request(S45, "generate", { sequential_image_generation: "auto" });
    expect(r.ok && r.value.params).toEqual({
      sequential_image_generation: "auto",
      max_images: 4,
      watermark: false,
      response_format: "b64_json",
    });
    expect(r.ok && [r.value.total, r.value.totalIsCeiling]).toEqual([4, true]);
    const chosen = request(S40, "generate", { max_images: 6, sequential_image_generation: "auto", watermark: true });
    expect(chosen.ok && chosen.value.params).toEqual({
      sequential_image_generation: "auto",
      max_images: 6,
      watermark: true,
      response_format: "b64_json",
    });
  });

  it.each([S50, S45, S40, S30, SEEDEDIT])(
    "%s always sends watermark false and b64_json, nothing else unchosen",
    (id) => {
      const op = card(id).operations[0];
      const r = request(id, op, {});
      expect(r.ok ? r.value.params : r.error.toBody()).toEqual({ watermark: false, response_format: "b64_json" });
      const url = request(id, op, { response_format: "url", watermark: true });
      expect(url.ok && url.value.params).toEqual({ watermark: true, response_format: "url" });
    },
  );

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

  it("carry over only what fits from another model's values, and no defaults", () => {
    const fromGpt = { n: 4, size: "1024x1024", quality: "high" };
    expect(sanitizeParamsForModel(card(S30), "generate", fromGpt)).toEqual({ size: "1024x1024" });
    expect(sanitizeParamsForModel(card(S40), "generate", fromGpt)).toEqual({ size: "1024x1024" }); // ≥ 921,600 px
    expect(sanitizeParamsForModel(card(S45), "generate", fromGpt)).toEqual({}); // under 4.5's floor: dropped
    expect(sanitizeParamsForModel(card(S40), "generate", { max_images: 6 })).toEqual({}); // locked: no group
    expect(
      sanitizeParamsForModel(card(S50), "edit", { sequential_image_generation: "auto", max_images: 6, seed: 3 }),
    ).toEqual({ sequential_image_generation: "auto", max_images: 6 });
  });
});
