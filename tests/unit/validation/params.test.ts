import { describe, expect, it } from "vitest";
import type { ModelCard, Operation } from "@/lib/models";
import { getModel, MODELS } from "@/lib/models";
import { newId } from "@/lib/ids";
import {
  chosenParams,
  defaultParams,
  fillDefaults,
  paramState,
  sanitizeParamsForModel,
  validateGenerationRequest,
  validateParams,
  visibleParams,
} from "@/lib/validation";

const card = (id: string) => getModel(id) as ModelCard;
const gpt1 = card("gpt-image-1");
const dalle = card("dall-e-3");

describe("visibleParams", () => {
  it("shows only what the model takes for the operation, in card order", () => {
    expect(visibleParams(gpt1, "generate")).toEqual([
      "n",
      "size",
      "quality",
      "background",
      "moderation",
      "output_format",
      "output_compression",
      "partial_images",
    ]);
    expect(visibleParams(gpt1, "edit")).toEqual([
      "n",
      "size",
      "quality",
      "background",
      "output_format",
      "output_compression",
      "input_fidelity",
      "partial_images",
    ]);
    expect(visibleParams(card("gpt-image-1-mini"), "edit")).not.toContain("input_fidelity");
    expect(visibleParams(dalle, "generate")).toEqual(["n", "size", "quality", "style", "response_format"]);
    expect(visibleParams(dalle, "edit")).toEqual([]);
  });
});

describe("paramState", () => {
  it("locks compression for png (explicit or by default) and says why", () => {
    for (const values of [{ output_format: "png" }, {}]) {
      expect(paramState(gpt1, "generate", values, "output_compression")).toEqual({
        visible: true,
        locked: true,
        lockedReason: "output_compression applies only to jpeg or webp output",
        disabledValues: [],
      });
    }
  });

  it.each(["jpeg", "webp"])("unlocks compression for %s", (format) => {
    expect(paramState(gpt1, "edit", { output_format: format }, "output_compression")).toEqual({
      visible: true,
      locked: false,
      disabledValues: [],
    });
  });

  it("disables the transparent option for jpeg only", () => {
    expect(paramState(gpt1, "generate", { output_format: "jpeg" }, "background").disabledValues).toEqual([
      "transparent",
    ]);
    expect(paramState(gpt1, "generate", { output_format: "png" }, "background").disabledValues).toEqual([]);
    expect(paramState(gpt1, "generate", { output_format: "webp" }, "background").disabledValues).toEqual([]);
    expect(paramState(gpt1, "generate", {}, "background").disabledValues).toEqual([]);
  });

  it("gpt-image-2 offers no transparent option at all", () => {
    const g2 = card("gpt-image-2");
    expect(g2.params.background).toMatchObject({ type: "enum", values: ["auto", "opaque"] });
    expect(paramState(g2, "generate", { output_format: "jpeg" }, "background")).toEqual({
      visible: true,
      locked: false,
      disabledValues: [],
    });
  });

  it("hides params of the other operation and params the card lacks", () => {
    expect(paramState(gpt1, "edit", {}, "moderation")).toMatchObject({ visible: false, locked: true });
    expect(paramState(gpt1, "generate", {}, "input_fidelity")).toMatchObject({ visible: false });
    expect(paramState(dalle, "generate", {}, "background")).toMatchObject({
      visible: false,
      lockedReason: "dall-e-3 does not accept 'background'",
    });
    expect(paramState(dalle, "edit", {}, "size")).toMatchObject({
      visible: false,
      lockedReason: "dall-e-3 does not support edit",
    });
  });
});

describe("defaultParams / fillDefaults (the values the upstream uses, not what is sent)", () => {
  it("starts each model from its card defaults, without locked ones", () => {
    expect(defaultParams(gpt1, "generate")).toEqual({
      n: 1,
      size: "auto",
      quality: "auto",
      background: "auto",
      moderation: "auto",
      output_format: "png",
      partial_images: 0,
    });
    expect(defaultParams(gpt1, "edit")).toEqual({
      n: 1,
      size: "auto",
      quality: "auto",
      background: "auto",
      output_format: "png",
      input_fidelity: "low",
      partial_images: 0,
    });
    expect(defaultParams(dalle, "generate")).toEqual({
      n: 1,
      size: "1024x1024",
      quality: "standard",
      style: "vivid",
      response_format: "b64_json",
    });
    expect(defaultParams(dalle, "edit")).toEqual({});
  });

  it("fills around the given values, with a default a rule unlocks (compression for jpeg) and none it locks", () => {
    expect(fillDefaults(gpt1, "generate", { output_format: "jpeg" })).toMatchObject({
      output_format: "jpeg",
      output_compression: 100,
    });
    expect(fillDefaults(gpt1, "generate", { output_format: "png" })).not.toHaveProperty("output_compression");
    expect(fillDefaults(gpt1, "generate", { quality: "high", n: 2 })).toEqual({
      ...defaultParams(gpt1, "generate"),
      quality: "high",
      n: 2,
    });
  });
});

describe("chosenParams (what is sent and stored)", () => {
  it("is the user's values in card order, plus only the alwaysSend defaults", () => {
    expect(chosenParams(gpt1, "generate", {})).toEqual({});
    expect(Object.keys(chosenParams(gpt1, "generate", { quality: "high", n: 2, size: "auto" }))).toEqual([
      "n",
      "size",
      "quality",
    ]);
    expect(chosenParams(dalle, "generate", {})).toEqual({ response_format: "b64_json" });
    expect(chosenParams(dalle, "generate", { response_format: "url" })).toEqual({ response_format: "url" });
    expect(chosenParams(card("doubao-seedream-3-0-t2i-250415"), "generate", { seed: 7 })).toEqual({
      seed: 7,
      watermark: false,
      response_format: "b64_json",
    });
  });

  it("leaves out an alwaysSend default a rule locks (Ark max_images without a group), and undefined values", () => {
    const s40 = card("doubao-seedream-4-0-250828");
    expect(chosenParams(s40, "generate", {})).toEqual({ watermark: false, response_format: "b64_json" });
    expect(chosenParams(s40, "generate", { sequential_image_generation: "auto" })).toEqual({
      sequential_image_generation: "auto",
      max_images: 4,
      watermark: false,
      response_format: "b64_json",
    });
    expect(chosenParams(gpt1, "generate", { n: undefined, quality: "low" })).toEqual({ quality: "low" });
  });

  it("drops params of the other operation", () => {
    expect(chosenParams(gpt1, "edit", { moderation: "low", input_fidelity: "high" })).toEqual({
      input_fidelity: "high",
    });
  });

  it("is alwaysSend only where the upstream's own default differs (dall-e-3 and Ark delivery, Ark watermark and group size)", () => {
    const always = MODELS.flatMap((m) =>
      Object.entries(m.params).flatMap(([name, spec]) => (spec.alwaysSend ? [`${m.family}.${name}`] : [])),
    );
    expect([...new Set(always)].sort()).toEqual([
      "dall-e-3.response_format",
      "seededit-3.response_format",
      "seededit-3.watermark",
      "seedream-3.response_format",
      "seedream-3.watermark",
      "seedream-4.max_images",
      "seedream-4.response_format",
      "seedream-4.watermark",
      "seedream-5.max_images",
      "seedream-5.response_format",
      "seedream-5.watermark",
    ]);
  });
});

describe("sanitizeParamsForModel (only kept user values, no defaults filled)", () => {
  it("gpt-image-1 → dall-e-3 keeps nothing: every value is foreign or out of range", () => {
    const from = {
      n: 4,
      size: "1536x1024",
      quality: "high",
      background: "transparent",
      moderation: "low",
      output_format: "png",
    };
    expect(sanitizeParamsForModel(dalle, "generate", from)).toEqual({});
    expect(sanitizeParamsForModel(dalle, "generate", { ...from, n: 1, size: "1024x1792" })).toEqual({
      n: 1,
      size: "1024x1792",
    });
  });

  it("dall-e-3 → gpt-image-1 keeps nothing dall-e-3-only", () => {
    const out = sanitizeParamsForModel(gpt1, "generate", {
      n: 1,
      size: "1792x1024",
      quality: "hd",
      style: "natural",
      response_format: "url",
    });
    expect(out).toEqual({ n: 1 });
  });

  it("keeps values the new model allows", () => {
    const from = {
      n: 3,
      size: "1024x1536",
      quality: "low",
      output_format: "jpeg",
      output_compression: 40,
      input_fidelity: "high",
    };
    expect(sanitizeParamsForModel(card("gpt-image-1-mini"), "edit", from)).toEqual({
      n: 3,
      size: "1024x1536",
      quality: "low",
      output_format: "jpeg",
      output_compression: 40,
    });
  });

  it("gpt-image-2 custom size → gpt-image-1 drops size; transparent → gpt-image-2 drops background", () => {
    expect(sanitizeParamsForModel(gpt1, "generate", { size: "1536x864" })).toEqual({});
    expect(
      sanitizeParamsForModel(card("gpt-image-2"), "generate", { background: "transparent", size: "1536x864" }),
    ).toEqual({ size: "1536x864" });
    expect(sanitizeParamsForModel(card("gpt-image-2-03"), "generate", { n: 4, quality: "low" })).toEqual({
      quality: "low",
    });
  });

  it("drops a value a rule locks and a value a rule disables", () => {
    expect(sanitizeParamsForModel(gpt1, "generate", { output_format: "png", output_compression: 50 })).toEqual({
      output_format: "png",
    });
    expect(sanitizeParamsForModel(gpt1, "generate", { output_compression: 50 })).toEqual({}); // png by default
    expect(sanitizeParamsForModel(gpt1, "generate", { output_format: "jpeg", background: "transparent" })).toEqual({
      output_format: "jpeg",
    });
  });

  it("switching operation drops the other operation's params", () => {
    expect(sanitizeParamsForModel(gpt1, "edit", { moderation: "low", quality: "high" })).toEqual({ quality: "high" });
  });

  const combos = MODELS.flatMap((from) =>
    MODELS.flatMap((to) => to.operations.map((op) => [from.id, to.id, op] as const)),
  );
  it.each(combos)("whatever %s had, the result on %s (%s) passes the server check", (fromId, toId, op) => {
    const from = card(fromId);
    const messy: Record<string, unknown> = {
      ...defaultParams(from, from.operations[0]),
      output_format: "jpeg",
      background: "transparent",
      output_compression: 10,
      n: 7,
      style: "natural",
    };
    const params = sanitizeParamsForModel(card(toId), op as Operation, messy);
    // Only values that were there: nothing is added.
    for (const [k, v] of Object.entries(params)) expect(messy[k], k).toEqual(v);
    const images = op === "edit" ? { inputAssetIds: [newId("ast")] } : {};
    const r = validateGenerationRequest({ model: toId, operation: op, prompt: "p", params, ...images });
    expect(r.ok ? null : r.error.toBody()).toBeNull();
  });
});

describe("validateParams", () => {
  it("is empty for every model's defaults", () => {
    for (const m of MODELS)
      for (const op of m.operations) expect(validateParams(m, op, defaultParams(m, op))).toEqual([]);
  });

  it("gives field messages with the server's paths", () => {
    expect(
      validateParams(gpt1, "generate", { n: 0, background: "transparent", output_format: "jpeg", style: "vivid" }),
    ).toEqual([
      { path: "params.n", message: "must be an integer between 1 and 10" },
      { path: "params.style", message: "gpt-image-1 does not accept 'style'" },
      { path: "params.background", message: "a transparent background needs png or webp output" },
    ]);
  });

  it("matches what the server answers", () => {
    const values = { size: "999x999", output_compression: 5 };
    const r = validateGenerationRequest({ model: "gpt-image-1", operation: "generate", prompt: "p", params: values });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.issues).toEqual(validateParams(gpt1, "generate", values));
  });
});
