/**
 * The Gemini family cards, written from docs/upstreams.md §F.3 / §F.4 rather than from the cards, checked
 * through the same validation the server runs.
 */
import { accepts, issuePaths, request } from "@/tests/helpers/validation";
import { describe, expect, it } from "vitest";
import { getModel, MODELS, type ModelCard } from "@/lib/models";
import { defaultParams, visibleParams } from "@/lib/validation";

const G25 = "gemini-2.5-flash-image";
const G3P = "gemini-3-pro-image-preview";
const G31 = "gemini-3.1-flash-image-preview";
const G3PRO = "gemini-3-pro-image";
const G31F = "gemini-3.1-flash-image";
const LITE = "gemini-3.1-flash-lite-image";

const RATIOS_10 = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const RATIOS_14 = [...RATIOS_10, "1:4", "4:1", "1:8", "8:1"];

/**
 * §F.3 per id: aspect ratios (plus the studio's `auto`, meaning "not sent"), `imageSize` values (none = 1K
 * only, the field is never sent), the Google Search tool, input images (§F.3: 14 on 3.x; 2.5 Flash and the
 * lite model: 3), and the shutdown §J.1 names.
 */
const EXPECTED: Record<
  string,
  { family: string; ratios: string[]; sizes?: string[]; search: boolean; maxImages: number; shutdown: string | null }
> = {
  [G3PRO]: { family: G3PRO, ratios: RATIOS_10, sizes: ["1K", "2K", "4K"], search: true, maxImages: 14, shutdown: null },
  [G3P]: {
    family: G3PRO,
    ratios: RATIOS_10,
    sizes: ["1K", "2K", "4K"],
    search: true,
    maxImages: 14,
    shutdown: "2026-06-25",
  },
  [G31F]: { family: G31F, ratios: RATIOS_14, sizes: ["1K", "2K", "4K"], search: false, maxImages: 14, shutdown: null },
  [G31]: {
    family: G31F,
    ratios: RATIOS_14,
    sizes: ["1K", "2K", "4K"],
    search: false,
    maxImages: 14,
    shutdown: "2026-06-25",
  },
  [LITE]: { family: LITE, ratios: RATIOS_10, search: false, maxImages: 3, shutdown: null },
  [G25]: { family: G25, ratios: RATIOS_10, search: false, maxImages: 3, shutdown: null },
};
const card = (id: string): ModelCard => getModel(id)!;

describe("Gemini cards (§F.3)", () => {
  it("are exactly the Gemini ids of §F.3 / §J.1", () => {
    const ids = MODELS.filter((m) => m.provider === "dmxapi_gemini").map((m) => m.id);
    expect(ids.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s: its family, ratios, sizes, search tool and shutdown", (id, exp) => {
    const c = card(id);
    const values = (p: string) => {
      const spec = c.params[p];
      return spec?.type === "enum" ? spec.values : undefined;
    };
    expect(c.family).toBe(exp.family);
    expect(values("aspect_ratio")).toEqual(["auto", ...exp.ratios]);
    expect(values("image_size")).toEqual(exp.sizes); // 1K only: nothing to choose, nothing sent
    expect(c.params.google_search?.type).toBe(exp.search ? "boolean" : undefined);
    expect(c.shutdownDate).toBe(exp.shutdown);
    expect(visibleParams(c, "generate")).toEqual([
      "aspect_ratio",
      ...(exp.sizes ? ["image_size"] : []),
      ...(exp.search ? ["google_search"] : []),
    ]);
  });

  it.each(Object.entries(EXPECTED))("%s: generate and edit, one image a request, no mask", (id, exp) => {
    const c = card(id);
    expect(c.operations).toEqual(["generate", "edit"]);
    expect(c.params.n).toBeUndefined();
    expect(c.limits).toEqual({ maxN: 1, maxImages: exp.maxImages, maxPromptChars: 32000 });
    expect(c.featureTags).not.toContain("oa_mask");
    expect(accepts(id, "edit", {}, exp.maxImages)).toBeNull();
    expect(issuePaths(id, "edit", {}, exp.maxImages + 1)).toEqual(["inputAssetIds"]);
    expect(issuePaths(id, "edit", {}, 0)).toEqual(["inputAssetIds"]);
  });

  it("2.5 Flash alone takes no responseModalities (a wire switch of its family)", () => {
    expect(card(G25).wire).toEqual({ responseModalities: false });
    for (const id of [G3PRO, G3P, G31F, G31, LITE]) expect(card(id).wire, id).toBeUndefined();
  });

  it("validates values per model", () => {
    expect(accepts(G31, "generate", { aspect_ratio: "8:1", image_size: "4K" })).toBeNull();
    expect(accepts(G31F, "generate", { aspect_ratio: "1:8", image_size: "2K" })).toBeNull();
    expect(accepts(G3PRO, "generate", { google_search: true, image_size: "4K" })).toBeNull();
    expect(issuePaths(G3P, "generate", { aspect_ratio: "8:1" })).toEqual(["params.aspect_ratio"]);
    expect(issuePaths(G3PRO, "generate", { aspect_ratio: "1:4" })).toEqual(["params.aspect_ratio"]);
    expect(issuePaths(G3P, "generate", { image_size: "4k" })).toEqual(["params.image_size"]);
    expect(issuePaths(G3P, "generate", { google_search: "yes" })).toEqual(["params.google_search"]);
    expect(issuePaths(G25, "generate", { image_size: "1K" })).toEqual(["param_not_supported"]);
    expect(issuePaths(LITE, "generate", { image_size: "1K" })).toEqual(["param_not_supported"]);
    expect(issuePaths(LITE, "generate", { aspect_ratio: "8:1" })).toEqual(["params.aspect_ratio"]);
    expect(issuePaths(G31, "generate", { google_search: true })).toEqual(["param_not_supported"]);
    expect(issuePaths(G3P, "generate", { n: 1 })).toEqual(["param_not_supported"]);
  });

  it("send only what the user chose; defaultParams is what the upstream uses when nothing is sent", () => {
    // §F.4: imageSize defaults to 1K, no aspectRatio lets the model pick, no tool means no search.
    expect(defaultParams(card(G3P), "generate")).toEqual({
      aspect_ratio: "auto",
      image_size: "1K",
      google_search: false,
    });
    expect(defaultParams(card(G25), "edit")).toEqual({ aspect_ratio: "auto" });
    for (const id of Object.keys(EXPECTED)) {
      const r = request(id, "generate", {});
      expect(r.ok && r.value.params, id).toEqual({});
    }
    const r = request(G3PRO, "generate", { image_size: "2K", aspect_ratio: "16:9" });
    expect(r.ok && r.value.params).toEqual({ aspect_ratio: "16:9", image_size: "2K" });
  });
});
