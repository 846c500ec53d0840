import { describe, expect, it } from "vitest";
import { describeModels, FEATURE_TAGS, getModel, MODELS, PROVIDER_IDS } from "@/lib/models";
import { valueProblem } from "@/lib/validation";

describe("capability registry", () => {
  it("offers exactly the OpenAI-img models of the brief", () => {
    expect(MODELS.map((m) => m.id).sort()).toEqual(["dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"]);
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
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
      for (const spec of Object.values(card.params)) if (spec.featureTag) expect(card.featureTags).toContain(spec.featureTag);
    });

    it("has defaults its own specs accept", () => {
      for (const [name, spec] of Object.entries(card.params)) {
        if (spec.default !== undefined) expect(valueProblem(spec, spec.default), name).toBeNull();
      }
    });

    it("scopes params to operations the model has", () => {
      for (const spec of Object.values(card.params)) for (const op of spec.operations ?? []) expect(card.operations).toContain(op);
    });

    it("has rules about params it has", () => {
      for (const r of card.rules) {
        expect(card.params[r.param]).toBeDefined();
        expect(card.params[r.when.param]).toBeDefined();
      }
    });

    it("has limits that agree with its params", () => {
      const n = card.params.n;
      expect(n.type === "int" && n.max).toBe(card.limits.maxN);
      expect(card.limits.maxImages === 0).toBe(!card.operations.includes("edit"));
      expect(card.featureTags.includes("oa_mask")).toBe(card.operations.includes("edit"));
    });
  });
});
