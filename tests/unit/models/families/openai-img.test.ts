/**
 * Every cell of model × param × operation, written from docs/upstreams.md §A.1 / §B.2 and the seed
 * rather than from the cards, so a wrong card fails here.
 */
import { describe, expect, it } from "vitest";
import type { Operation } from "@/lib/models";
import { newId } from "@/lib/ids";
import { validateGenerationRequest } from "@/lib/validation";

interface Cell {
  ok: unknown[];
  bad: unknown[];
  /** Other params a value needs to be valid on its own (compression needs jpeg or webp). */
  with?: Record<string, unknown>;
}
type Row = Record<string, Cell>;

const GPT_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536"];
const gptCommon: Row = {
  n: { ok: [1, 4, 10], bad: [0, 11, 2.5, "2", null, -1] },
  size: { ok: GPT_SIZES, bad: ["1792x1024", "1024x1792", "256x256", "512x512", "1024X1024", 1024, "1536x864"] },
  quality: { ok: ["auto", "low", "medium", "high"], bad: ["hd", "standard", "ultra", ""] },
  background: { ok: ["auto", "opaque", "transparent"], bad: ["white", true, null] },
  output_format: { ok: ["png", "jpeg", "webp"], bad: ["gif", "jpg", "PNG"] },
  output_compression: { ok: [0, 55, 100], bad: [-1, 101, 50.5, "80"], with: { output_format: "jpeg" } },
};
const moderation: Cell = { ok: ["auto", "low"], bad: ["high", "strict", 1] };
const inputFidelity: Cell = { ok: ["low", "high"], bad: ["medium", "auto", true] };

const gpt2Sizes: Cell = {
  ok: [
    ...GPT_SIZES,
    "1536x864",
    "2048x2048",
    "3840x2160",
    "2160x3840",
    "1280x3840",
    "3840x1280",
    "1024x768",
    "1024x640",
  ],
  bad: [
    "1000x1000",
    "3856x2160",
    "3840x1264",
    "800x800",
    "3840x2176",
    "4096x1024",
    "1024x1024x1",
    "wide",
    "0x0",
    "1792x1024x",
  ],
};
const gpt2: Row = {
  ...gptCommon,
  size: gpt2Sizes,
  background: { ok: ["auto", "opaque"], bad: ["transparent", "white"] },
};

const EXPECTED: Record<string, { generate: Row; edit: Row | null }> = {
  "gpt-image-1.5": { generate: { ...gptCommon, moderation }, edit: { ...gptCommon, input_fidelity: inputFidelity } },
  "gpt-image-1": { generate: { ...gptCommon, moderation }, edit: { ...gptCommon, input_fidelity: inputFidelity } },
  "gpt-image-1-mini": { generate: { ...gptCommon, moderation }, edit: { ...gptCommon } },
  "gpt-image-2": { generate: { ...gpt2, moderation }, edit: { ...gpt2 } },
  "dall-e-3": {
    generate: {
      n: { ok: [1], bad: [2, 0, 10] },
      size: { ok: ["1024x1024", "1792x1024", "1024x1792"], bad: ["auto", "1536x1024", "1024x1536", "512x512"] },
      quality: { ok: ["standard", "hd"], bad: ["auto", "high", "low", "medium"] },
      style: { ok: ["vivid", "natural"], bad: ["cinematic", "Vivid"] },
      response_format: { ok: ["url", "b64_json"], bad: ["base64", "png"] },
    },
    edit: null,
  },
};

/** Every param any model knows, plus upstream params the studio never offers. */
const UNIVERSE = [
  ...new Set(Object.values(EXPECTED).flatMap((e) => [...Object.keys(e.generate), ...Object.keys(e.edit ?? {})])),
  "stream",
  "partial_images",
  "user",
  "seed",
  "prompt",
  "model",
  "image",
];
const SAMPLE: Record<string, unknown> = {
  stream: false,
  partial_images: 0,
  user: "u1",
  seed: 1,
  prompt: "x",
  model: "x",
  image: "x",
};

function request(model: string, operation: Operation, params: Record<string, unknown>) {
  const images = operation === "edit" ? { inputAssetIds: [newId("ast")] } : {};
  return validateGenerationRequest({ model, operation, prompt: "a ceramic mug", params, ...images });
}

const cells = Object.entries(EXPECTED).flatMap(([model, exp]) =>
  (["generate", "edit"] as const).flatMap((op) =>
    UNIVERSE.map((param) => ({ model, op, param, row: op === "edit" ? exp.edit : exp.generate })),
  ),
);

describe("model × operation × param matrix", () => {
  it.each(cells.filter((c) => c.row === null).map((c) => [c.model, c.op, c.param] as const))(
    "%s rejects %s before looking at '%s'",
    (model, op, param) => {
      const r = request(model, op, { [param]: SAMPLE[param] ?? "auto" });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("operation_not_supported");
    },
  );

  const unsupported = cells.filter((c) => c.row !== null && !(c.param in c.row));
  it.each(unsupported.map((c) => [c.model, c.op, c.param] as const))(
    "%s %s: '%s' is param_not_supported",
    (model, op, param) => {
      const row = Object.values(EXPECTED)
        .flatMap((e) => [e.generate, e.edit])
        .find((r) => r && param in r);
      const value = SAMPLE[param] ?? row?.[param].ok[0];
      const r = request(model, op, { [param]: value });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe("param_not_supported");
      expect(r.error.status).toBe(400);
      expect(r.error.details).toMatchObject({ param, model });
      expect(r.error.message).toContain(`${model} does not accept '${param}'`);
    },
  );

  const supported = cells.filter((c) => c.row !== null && c.param in c.row);
  const accepted = supported.flatMap((c) =>
    c.row![c.param].ok.map((v) => [c.model, c.op, c.param, v, c.row![c.param].with] as const),
  );
  it.each(accepted)("%s %s accepts %s = %j", (model, op, param, value, context) => {
    const r = request(model, op, { ...context, [param]: value });
    expect(r.ok ? null : r.error.toBody()).toBeNull();
    if (r.ok) expect(r.value.params[param]).toEqual(value);
  });

  const rejected = supported.flatMap((c) =>
    c.row![c.param].bad.map((v) => [c.model, c.op, c.param, v, c.row![c.param].with] as const),
  );
  it.each(rejected)("%s %s rejects %s = %j", (model, op, param, value, context) => {
    const r = request(model, op, { ...context, [param]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid_request");
    expect(r.error.details.issues).toEqual([{ path: `params.${param}`, message: expect.any(String) }]);
  });

  it("covers every cell", () => {
    expect(cells.length).toBe(Object.keys(EXPECTED).length * 2 * UNIVERSE.length);
    expect(accepted.length + rejected.length).toBeGreaterThan(300);
  });
});
