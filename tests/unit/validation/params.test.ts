import { describe, expect, it } from "vitest";
import type { ModelCard, Operation } from "@/lib/models";
import { getModel, MODELS } from "@/lib/models";
import { newId } from "@/lib/ids";
import {
  defaultParams,
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
    ]);
    expect(visibleParams(gpt1, "edit")).toEqual([
      "n",
      "size",
      "quality",
      "background",
      "output_format",
      "output_compression",
      "input_fidelity",
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

describe("defaultParams", () => {
  it("starts each model from its card defaults, without locked ones", () => {
    expect(defaultParams(gpt1, "generate")).toEqual({
      n: 1,
      size: "auto",
      quality: "auto",
      background: "auto",
      moderation: "auto",
      output_format: "png",
    });
    expect(defaultParams(gpt1, "edit")).toEqual({
      n: 1,
      size: "auto",
      quality: "auto",
      background: "auto",
      output_format: "png",
      input_fidelity: "low",
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
});

describe("sanitizeParamsForModel", () => {
  it("gpt-image-1 → dall-e-3 drops background and resets size", () => {
    const from = {
      n: 4,
      size: "1536x1024",
      quality: "high",
      background: "transparent",
      moderation: "low",
      output_format: "png",
    };
    expect(sanitizeParamsForModel(dalle, "generate", from)).toEqual({
      n: 1,
      size: "1024x1024",
      quality: "standard",
      style: "vivid",
      response_format: "b64_json",
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
    expect(out).toEqual(defaultParams(gpt1, "generate"));
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
      background: "auto",
      output_format: "jpeg",
      output_compression: 40,
    });
  });

  it("gpt-image-2 custom size → gpt-image-1 resets size; transparent → gpt-image-2 resets background", () => {
    expect(sanitizeParamsForModel(gpt1, "generate", { size: "1536x864" }).size).toBe("auto");
    expect(
      sanitizeParamsForModel(card("gpt-image-2"), "generate", { background: "transparent", size: "1536x864" }),
    ).toMatchObject({
      background: "auto",
      size: "1536x864",
    });
  });

  it("drops a value a rule locks and resets a value a rule disables", () => {
    expect(
      sanitizeParamsForModel(gpt1, "generate", { output_format: "png", output_compression: 50 }),
    ).not.toHaveProperty("output_compression");
    expect(
      sanitizeParamsForModel(gpt1, "generate", { output_format: "jpeg", background: "transparent" }),
    ).toMatchObject({
      output_format: "jpeg",
      background: "auto",
      output_compression: 100,
    });
  });

  it("switching operation drops the other operation's params", () => {
    const out = sanitizeParamsForModel(gpt1, "edit", { moderation: "low", quality: "high" });
    expect(out).not.toHaveProperty("moderation");
    expect(out).toMatchObject({ quality: "high", input_fidelity: "low" });
  });

  const combos = MODELS.flatMap((from) =>
    MODELS.flatMap((to) => to.operations.map((op) => [from.id, to.id, op] as const)),
  );
  it.each(combos)("whatever %s had, the result on %s (%s) passes the server check", (fromId, toId, op) => {
    const from = card(fromId);
    const messy = {
      ...defaultParams(from, from.operations[0]),
      output_format: "jpeg",
      background: "transparent",
      output_compression: 10,
      n: 7,
      style: "natural",
    };
    const params = sanitizeParamsForModel(card(toId), op as Operation, messy);
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
