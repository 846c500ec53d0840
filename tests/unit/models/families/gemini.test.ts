/**
 * The Gemini family cards, written from docs/upstreams.md §F.3 / §F.4 rather than from the cards, checked
 * through the same validation the server runs.
 */
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { getModel, type ModelCard, type Operation } from "@/lib/models";
import { defaultParams, sanitizeParamsForModel, validateGenerationRequest, visibleParams } from "@/lib/validation";

const G25 = "gemini-2.5-flash-image";
const G3P = "gemini-3-pro-image-preview";
const G31 = "gemini-3.1-flash-image-preview";

const RATIOS_10 = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
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

describe("Gemini cards (§F.3)", () => {
  it("offer each model's own aspect ratios (plus auto) and sizes", () => {
    const values = (id: string, p: string) => {
      const spec = card(id).params[p];
      return spec?.type === "enum" ? spec.values : undefined;
    };
    expect(values(G25, "aspect_ratio")).toEqual(["auto", ...RATIOS_10]);
    expect(values(G3P, "aspect_ratio")).toEqual(["auto", ...RATIOS_10]);
    expect(values(G31, "aspect_ratio")).toEqual(["auto", ...RATIOS_10, "1:4", "4:1", "1:8", "8:1"]);
    expect(values(G25, "image_size")).toBeUndefined(); // 1K only: nothing to choose, nothing sent
    expect(values(G3P, "image_size")).toEqual(["1K", "2K", "4K"]);
    expect(values(G31, "image_size")).toEqual(["1K", "2K", "4K"]);
  });

  it("generate and edit, one image a request, no mask, 3 / 14 / 14 input images", () => {
    for (const [id, maxImages] of [
      [G25, 3],
      [G3P, 14],
      [G31, 14],
    ] as const) {
      const c = card(id);
      expect(c.operations).toEqual(["generate", "edit"]);
      expect(c.params.n).toBeUndefined();
      expect(c.limits).toMatchObject({ maxN: 1, maxImages });
      expect(c.featureTags).not.toContain("oa_mask");
      expect(accepts(id, "edit", {}, maxImages)).toBeNull();
      expect(issuePaths(id, "edit", {}, maxImages + 1)).toEqual(["inputAssetIds"]);
    }
  });

  it("validates values per model", () => {
    expect(accepts(G31, "generate", { aspect_ratio: "8:1", image_size: "4K" })).toBeNull();
    expect(issuePaths(G3P, "generate", { aspect_ratio: "8:1" })).toEqual(["params.aspect_ratio"]);
    expect(issuePaths(G3P, "generate", { image_size: "4k" })).toEqual(["params.image_size"]);
    expect(issuePaths(G3P, "generate", { google_search: "yes" })).toEqual(["params.google_search"]);
    expect(issuePaths(G25, "generate", { image_size: "1K" })).toEqual(["param_not_supported"]);
    expect(issuePaths(G31, "generate", { google_search: true })).toEqual(["param_not_supported"]);
    expect(issuePaths(G3P, "generate", { n: 1 })).toEqual(["param_not_supported"]);
  });

  it("store their defaults, so the payload is the same whatever the client left out", () => {
    expect(defaultParams(card(G3P), "generate")).toEqual({
      aspect_ratio: "auto",
      image_size: "1K",
      google_search: false,
    });
    expect(defaultParams(card(G25), "edit")).toEqual({ aspect_ratio: "auto" });
  });
});
