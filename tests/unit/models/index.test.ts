import { describe, expect, it } from "vitest";
import { describeModels, FEATURE_TAGS, getModel, MODELS, PROVIDER_IDS } from "@/lib/models";
import { valueProblem } from "@/lib/validation";

describe("capability registry", () => {
  const ids = (provider: string) =>
    MODELS.filter((m) => m.provider === provider)
      .map((m) => m.id)
      .sort();

  it("offers exactly the OpenAI-img models of the brief", () => {
    expect(ids("dmxapi_openai_img")).toEqual([
      "dall-e-3",
      "gpt-image-1",
      "gpt-image-1-mini",
      "gpt-image-1.5",
      "gpt-image-2",
    ]);
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
  });

  it("offers the Gemini and Ark models of issue 7", () => {
    expect(ids("dmxapi_gemini")).toEqual([
      "gemini-2.5-flash-image",
      "gemini-3-pro-image-preview",
      "gemini-3.1-flash-image-preview",
    ]);
    expect(ids("ark")).toEqual([
      "doubao-seededit-3-0-i2i-250628",
      "doubao-seedream-3-0-t2i-250415",
      "doubao-seedream-4-0-250828",
      "doubao-seedream-4-5-251128",
    ]);
  });

  it("lists the three providers", () => {
    expect(PROVIDER_IDS).toEqual(["dmxapi_openai_img", "dmxapi_gemini", "ark"]);
  });

  it("finds cards by id and nothing else", () => {
    expect(getModel("gpt-image-1")?.label).toBe("GPT Image 1");
    expect(getModel("dall-e-2")).toBeUndefined();
    expect(getModel("")).toBeUndefined();
  });

  it("is plain JSON data", () => {
    expect(JSON.parse(JSON.stringify(MODELS))).toStrictEqual(MODELS);
  });

  it("describeModels returns a copy the caller may change", () => {
    const described = describeModels();
    expect(described).toStrictEqual(MODELS);
    described[0].params.n = { type: "boolean", label: "x" };
    expect(getModel(described[0].id)?.params.n.type).toBe("int");
  });

  it("cannot be changed by a caller", () => {
    const card = getModel("gpt-image-1")!;
    expect(() => {
      (card.limits as { maxN: number }).maxN = 99;
    }).toThrow(TypeError);
    expect(getModel("gpt-image-1.5")?.limits.maxN).toBe(10);
  });

  it("keeps stream, partial_images and user off every card", () => {
    for (const m of MODELS) for (const p of ["stream", "partial_images", "user"]) expect(m.params[p]).toBeUndefined();
    expect(MODELS.some((m) => m.featureTags.includes("oa_partial_images"))).toBe(false);
  });

  describe.each(MODELS.map((m) => [m.id, m] as const))("%s", (_id, card) => {
    it("uses a known provider, known operations and known tags", () => {
      expect(PROVIDER_IDS).toContain(card.provider);
      expect(card.operations.length).toBeGreaterThan(0);
      for (const t of card.featureTags) expect(FEATURE_TAGS).toContain(t);
      expect(new Set(card.featureTags).size).toBe(card.featureTags.length);
    });

    it("carries every param's feature tag on the card", () => {
      for (const spec of Object.values(card.params))
        if (spec.featureTag) expect(card.featureTags).toContain(spec.featureTag);
    });

    it("has defaults its own specs accept", () => {
      for (const [name, spec] of Object.entries(card.params)) {
        if (spec.default !== undefined) expect(valueProblem(spec, spec.default), name).toBeNull();
      }
    });

    it("scopes params to operations the model has", () => {
      for (const spec of Object.values(card.params))
        for (const op of spec.operations ?? []) expect(card.operations).toContain(op);
    });

    it("has rules about params it has", () => {
      for (const r of card.rules) {
        expect(card.params[r.param]).toBeDefined();
        expect(card.params[r.when.param]).toBeDefined();
      }
    });

    it("has limits that agree with its params", () => {
      // The count param: `n`, or the card's `imageCount.param` (Ark's max_images); none = one image.
      const count = card.params[card.imageCount?.param ?? "n"];
      expect(count === undefined ? 1 : count.type === "int" && count.max).toBe(card.limits.maxN);
      expect(card.limits.maxImages === 0).toBe(!card.operations.includes("edit"));
      if (card.provider === "dmxapi_openai_img")
        expect(card.featureTags.includes("oa_mask")).toBe(card.operations.includes("edit"));
    });

    it("carries only its own provider's feature tags", () => {
      const prefix = { dmxapi_openai_img: "oa_", dmxapi_gemini: "gm_", ark: "ark_" }[card.provider];
      for (const t of card.featureTags) expect(t.startsWith(prefix), t).toBe(true);
    });

    it("gives every param a label and a description", () => {
      if (card.provider === "dmxapi_openai_img") return; // the OpenAI cards predate this rule
      for (const [name, spec] of Object.entries(card.params)) {
        expect(spec.label, name).toMatch(/\S/);
        expect(spec.description, name).toMatch(/\S/);
      }
    });

    it("counts images with an int param of its own", () => {
      const ic = card.imageCount;
      if (!ic) return;
      expect(card.params[ic.param]?.type).toBe("int");
      if (ic.when) expect(card.params[ic.when.param]).toBeDefined();
    });
  });
});
