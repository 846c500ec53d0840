import { describe, expect, it } from "vitest";
import { buildGenerationBody, submittableParams, type GenerationDraft } from "@/lib/contracts/generation-body";
import { getModel, type ModelCard } from "@/lib/models";
import { validateGenerationRequest } from "@/lib/validation";

const card = (id: string) => getModel(id) as ModelCard;
const gpt1 = card("gpt-image-1");
const dalle = card("dall-e-3");

const draft = (over: Partial<GenerationDraft> = {}): GenerationDraft => ({
  card: gpt1,
  operation: "generate",
  prompt: "a mug",
  values: {},
  inputAssetIds: [],
  ...over,
});

describe("submittableParams (only chosen, unlocked values)", () => {
  it("adds nothing: no value chosen, no param sent — not even an alwaysSend default (the server adds those)", () => {
    expect(submittableParams(gpt1, "generate", {})).toEqual({});
    expect(submittableParams(dalle, "generate", {})).toEqual({});
    expect(submittableParams(card("doubao-seedream-4-0-250828"), "generate", {})).toEqual({});
  });

  it("leaves out a value a rule locks right now (compression with png, explicit or by default) and keeps it with jpeg", () => {
    expect(submittableParams(gpt1, "generate", { output_format: "png", output_compression: 80 })).toEqual({
      output_format: "png",
    });
    expect(submittableParams(gpt1, "generate", { output_compression: 80 })).toEqual({});
    expect(submittableParams(gpt1, "generate", { output_format: "jpeg", output_compression: 80 })).toEqual({
      output_format: "jpeg",
      output_compression: 80,
    });
    const ark = card("doubao-seedream-4-0-250828");
    expect(submittableParams(ark, "generate", { max_images: 3 })).toEqual({});
    expect(submittableParams(ark, "generate", { max_images: 3, sequential_image_generation: "auto" })).toEqual({
      sequential_image_generation: "auto",
      max_images: 3,
    });
  });

  it("leaves out params the model or the operation does not take, and unset values", () => {
    expect(submittableParams(gpt1, "edit", { moderation: "low", input_fidelity: "high", style: "vivid" })).toEqual({
      input_fidelity: "high",
    });
    expect(submittableParams(gpt1, "generate", { moderation: "low", input_fidelity: "high" })).toEqual({
      moderation: "low",
    });
    expect(submittableParams(gpt1, "generate", { n: undefined, quality: "low" })).toEqual({ quality: "low" });
    expect(submittableParams(dalle, "edit", { n: 1 })).toEqual({});
  });

  it("keeps a disabled value, so the server (and the panel's draft check) can say why it is refused", () => {
    const values = { background: "transparent", output_format: "jpeg" };
    expect(submittableParams(gpt1, "generate", values)).toEqual(values);
  });

  it("is in card order, whatever order the values were set in", () => {
    const out = submittableParams(gpt1, "generate", { output_format: "webp", quality: "high", n: 2 });
    expect(Object.keys(out)).toEqual(["n", "quality", "output_format"]);
  });
});

describe("buildGenerationBody", () => {
  it("a generate body carries no input images and no mask, even when the draft holds some", () => {
    expect(buildGenerationBody(draft({ inputAssetIds: ["ast_1"], maskAssetId: "ast_m", values: { n: 2 } }))).toEqual({
      model: "gpt-image-1",
      operation: "generate",
      prompt: "a mug",
      params: { n: 2 },
    });
  });

  it("an edit body carries the input images, and the mask only when there is one", () => {
    const inputs = { operation: "edit" as const, inputAssetIds: ["ast_1", "ast_2"] };
    expect(buildGenerationBody(draft(inputs))).toEqual({
      model: "gpt-image-1",
      operation: "edit",
      prompt: "a mug",
      params: {},
      inputAssetIds: ["ast_1", "ast_2"],
    });
    expect(buildGenerationBody(draft({ ...inputs, maskAssetId: "ast_m" }))).toMatchObject({ maskAssetId: "ast_m" });
    expect(buildGenerationBody(draft({ ...inputs, maskAssetId: "" }))).not.toHaveProperty("maskAssetId");
    expect(buildGenerationBody(draft({ ...inputs, inputAssetIds: [] })).inputAssetIds).toEqual([]);
  });

  it("names the card's id, and what it builds passes the server's check unchanged", () => {
    const snap = card("gpt-image-2-2026-04-21");
    const body = buildGenerationBody(draft({ card: snap, values: { size: "2048x1152", quality: "high" } }));
    expect(body.model).toBe("gpt-image-2-2026-04-21");
    const r = validateGenerationRequest(body);
    expect(r.ok && r.value.params).toEqual({ size: "2048x1152", quality: "high" });
  });
});
