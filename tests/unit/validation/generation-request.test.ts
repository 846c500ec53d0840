import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getModel } from "@/lib/models";
import { generationRequestSchema, generationRequestSchemaFor, validateGenerationRequest } from "@/lib/validation";

const ast = () => newId("ast");
const gen = (model: string, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  model,
  operation: "generate",
  prompt: "white-background product photo of a ceramic mug",
  params,
  ...extra,
});
const edit = (model: string, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  ...gen(model, params),
  operation: "edit",
  inputAssetIds: [ast()],
  ...extra,
});

function failure(body: unknown): AppError {
  const r = validateGenerationRequest(body);
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.value)}`);
  return r.error;
}
function success(body: unknown) {
  const r = validateGenerationRequest(body);
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error.toBody())}`);
  return r.value;
}
const paths = (e: AppError) => (e.details.issues as { path: string }[]).map((i) => i.path);

describe("docs/api.md error shapes", () => {
  it("param_not_supported names the param and the model", () => {
    const e = failure(gen("dall-e-3", { background: "transparent" }));
    expect(e.toBody()).toEqual({
      error: {
        code: "param_not_supported",
        message: "dall-e-3 does not accept 'background'",
        details: { param: "background", model: "dall-e-3", operation: "generate" },
      },
    });
    expect(e.status).toBe(400);
  });

  it.each([
    ["gpt-image-1", "generate", "input_fidelity", "high"],
    ["gpt-image-1.5", "generate", "input_fidelity", "low"],
    ["gpt-image-1", "edit", "moderation", "low"],
    ["gpt-image-2", "edit", "moderation", "auto"],
  ])("%s %s: '%s' exists for the other operation only → param_not_supported", (model, op, param, value) => {
    const body = op === "edit" ? edit(model, { [param]: value }) : gen(model, { [param]: value });
    const e = failure(body);
    expect(e.code).toBe("param_not_supported");
    expect(e.details).toMatchObject({ param, model, operation: op });
    expect(e.message).toMatch(new RegExp(`^${model} does not accept '${param}' for ${op}`));
  });

  it.each([
    ["dall-e-3", "style"],
    ["gpt-image-1", "style"],
    ["gpt-image-1", "response_format"],
    ["gpt-image-1-mini", "input_fidelity"],
    ["dall-e-3", "moderation"],
    ["dall-e-3", "output_format"],
    ["dall-e-3", "output_compression"],
    ["dall-e-3", "input_fidelity"],
  ])("seed isolation: %s and '%s'", (model, param) => {
    const takes = model === "dall-e-3" && param === "style";
    const r = validateGenerationRequest(
      param === "input_fidelity" && model !== "dall-e-3"
        ? edit(model, { [param]: "high" })
        : gen(model, { [param]: takes ? "natural" : "x" }),
    );
    expect(r.ok ? "ok" : r.error.code).toBe(takes ? "ok" : "param_not_supported");
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "'%s' is a param like any other the card lacks",
    (name) => {
      const e = failure(
        JSON.parse(`{"model":"gpt-image-1","operation":"generate","prompt":"p","params":{"${name}":1}}`),
      );
      expect(e.code).toBe("param_not_supported");
      expect(e.details).toMatchObject({ param: name, model: "gpt-image-1" });
    },
  );

  it("operation_not_supported for an edit on dall-e-3", () => {
    const e = failure(edit("dall-e-3"));
    expect(e.code).toBe("operation_not_supported");
    expect(e.details).toEqual({ model: "dall-e-3", operation: "edit" });
  });

  it("an unknown model is invalid_request at path model", () => {
    const e = failure(gen("dall-e-2"));
    expect(e.code).toBe("invalid_request");
    expect(e.details.issues).toEqual([{ path: "model", message: "unknown model 'dall-e-2'" }]);
  });

  it("schema failures list every issue with dotted paths", () => {
    const e = failure({ model: "gpt-image-1", operation: "paint", prompt: "", params: { n: 2 }, extra: true });
    expect(e.code).toBe("invalid_request");
    expect(paths(e).sort()).toEqual(["extra", "operation", "prompt"]);
  });

  it.each([
    [{ operation: "generate", prompt: "x" }, ["model"]],
    [{ model: "gpt-image-1", prompt: "x" }, ["operation"]],
    [{ model: "gpt-image-1", operation: "generate" }, ["prompt"]],
    [{ model: "gpt-image-1", operation: "generate", prompt: "   " }, ["prompt"]],
    [{ model: "gpt-image-1", operation: "generate", prompt: 42 }, ["prompt"]],
    [{ model: "gpt-image-1", operation: "generate", prompt: "x", params: [] }, ["params"]],
    [{ model: "gpt-image-1", operation: "generate", prompt: "x", params: "n=2" }, ["params"]],
    [{ model: "gpt-image-1", operation: "edit", prompt: "x", inputAssetIds: "ast_1" }, ["inputAssetIds"]],
    [
      { model: "gpt-image-1", operation: "edit", prompt: "x", inputAssetIds: ["ast_1", "prj_1", "AST_2"] },
      ["inputAssetIds.1", "inputAssetIds.2"],
    ],
    [
      { model: "gpt-image-1", operation: "edit", prompt: "x", inputAssetIds: ["ast_1"], maskAssetId: 7 },
      ["maskAssetId"],
    ],
    [{ model: "gpt-image-1", operation: "generate", prompt: "x", projectId: "prj_1", n: 2 }, ["n", "projectId"]],
  ])("%j → invalid_request at %j", (body, expected) => {
    const e = failure(body);
    expect(e.code).toBe("invalid_request");
    expect(paths(e).sort()).toEqual(expected);
  });

  it.each([null, [], "a prompt", 3, undefined])("a body that is not an object (%j) is invalid_request", (body) => {
    const e = failure(body);
    expect(e.code).toBe("invalid_request");
    expect(e.details.issues).toEqual([{ path: "", message: "the body must be a JSON object" }]);
  });

  it("an out-of-range value is invalid_request at its param path (dall-e-3 n: 2)", () => {
    const e = failure(gen("dall-e-3", { n: 2 }));
    expect(e.toBody()).toEqual({
      error: {
        code: "invalid_request",
        message: "Invalid request: params.n must be 1",
        details: { issues: [{ path: "params.n", message: "must be 1" }] },
      },
    });
  });
});

describe("cross-field rules", () => {
  it.each([
    ["png", true],
    ["webp", true],
    ["jpeg", false],
    [undefined, true],
  ])("transparent background with output_format %s → ok %s", (format, ok) => {
    const r = validateGenerationRequest(
      gen("gpt-image-1", { background: "transparent", ...(format ? { output_format: format } : {}) }),
    );
    expect(r.ok).toBe(ok);
    if (!r.ok)
      expect(r.error.details.issues).toEqual([
        { path: "params.background", message: "a transparent background needs png or webp output" },
      ]);
  });

  it.each([
    ["jpeg", true],
    ["webp", true],
    ["png", false],
    [undefined, false],
  ])("explicit output_compression with output_format %s → ok %s", (format, ok) => {
    const r = validateGenerationRequest(
      edit("gpt-image-1-mini", { output_compression: 70, ...(format ? { output_format: format } : {}) }),
    );
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(paths(r.error)).toEqual(["params.output_compression"]);
  });

  it("judges each rule on its own (jpeg: compression fine, transparency not; png: the reverse)", () => {
    const jpeg = failure(
      gen("gpt-image-1.5", { background: "transparent", output_format: "jpeg", output_compression: 50 }),
    );
    expect(paths(jpeg)).toEqual(["params.background"]);
    const png = failure(
      gen("gpt-image-1.5", { background: "transparent", output_format: "png", output_compression: 50 }),
    );
    expect(paths(png)).toEqual(["params.output_compression"]);
  });

  it("still reports a rule when an unrelated value is bad", () => {
    const e = failure(gen("gpt-image-1", { n: 11, background: "transparent", output_format: "jpeg" }));
    expect(paths(e).sort()).toEqual(["params.background", "params.n"]);
  });

  it("gpt-image-2 never takes a transparent background, whatever the format", () => {
    expect(paths(failure(gen("gpt-image-2", { background: "transparent", output_format: "png" })))).toEqual([
      "params.background",
    ]);
  });
});

describe("prompt length", () => {
  it.each([
    ["dall-e-3", 4000],
    ["gpt-image-1", 32000],
    ["gpt-image-1.5", 32000],
    ["gpt-image-1-mini", 32000],
    ["gpt-image-2", 32000],
    ["gpt-image-2-ssvip", 32000],
    ["gpt-image-2-03", 32000],
  ])("%s takes %i characters and not one more", (model, max) => {
    expect(validateGenerationRequest({ ...gen(model), prompt: "a".repeat(max) }).ok).toBe(true);
    const e = failure({ ...gen(model), prompt: "a".repeat(max + 1) });
    expect(e.details.issues).toEqual([
      { path: "prompt", message: `${model} takes at most ${max} characters (got ${max + 1})` },
    ]);
  });

  it("counts characters, not UTF-16 units (Chinese, emoji)", () => {
    expect(validateGenerationRequest({ ...gen("dall-e-3"), prompt: "杯".repeat(4000) }).ok).toBe(true);
    expect(validateGenerationRequest({ ...gen("dall-e-3"), prompt: "🍵".repeat(4000) }).ok).toBe(true);
    expect(validateGenerationRequest({ ...gen("dall-e-3"), prompt: "🍵".repeat(4001) }).ok).toBe(false);
  });
});

describe("input images", () => {
  it("edit needs at least one input", () => {
    expect(paths(failure({ ...edit("gpt-image-1"), inputAssetIds: [] }))).toEqual(["inputAssetIds"]);
    expect(paths(failure({ ...edit("gpt-image-1"), inputAssetIds: undefined }))).toEqual(["inputAssetIds"]);
  });

  it("edit takes up to limits.maxImages (16)", () => {
    const ids = Array.from({ length: 17 }, ast);
    expect(validateGenerationRequest({ ...edit("gpt-image-1"), inputAssetIds: ids.slice(0, 16) }).ok).toBe(true);
    const e = failure({ ...edit("gpt-image-1"), inputAssetIds: ids });
    expect(e.details.issues).toEqual([{ path: "inputAssetIds", message: "gpt-image-1 takes at most 16 input images" }]);
  });

  it("rejects the same asset twice", () => {
    const id = ast();
    expect(paths(failure({ ...edit("gpt-image-1"), inputAssetIds: [id, ast(), id] }))).toEqual(["inputAssetIds.2"]);
  });

  it("generate takes no input images and no mask", () => {
    expect(paths(failure(gen("gpt-image-1", {}, { inputAssetIds: [ast()] })))).toEqual(["inputAssetIds"]);
    expect(paths(failure(gen("gpt-image-1", {}, { maskAssetId: ast() })))).toEqual(["maskAssetId"]);
    expect(paths(failure(gen("dall-e-3", {}, { inputAssetIds: [ast()] })))).toEqual(["inputAssetIds"]);
  });

  it("generate tolerates an empty list and a null mask (nothing is carried)", () => {
    const v = success(gen("gpt-image-1", {}, { inputAssetIds: [], maskAssetId: null }));
    expect(v.inputAssetIds).toEqual([]);
    expect(v.maskAssetId).toBeNull();
  });

  it("edit takes a mask on models with oa_mask", () => {
    const mask = ast();
    for (const model of ["gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini", "gpt-image-2", "gpt-image-2-ssvip"]) {
      expect(success(edit(model, {}, { maskAssetId: mask })).maskAssetId).toBe(mask);
    }
  });
});

describe("the accepted value (docs/upstreams.md §J.3: only chosen params are sent)", () => {
  it("resolves the card once and sends nothing the user did not choose", () => {
    const v = success(gen("gpt-image-1"));
    expect(v).toEqual({
      card: getModel("gpt-image-1"),
      model: "gpt-image-1",
      provider: "dmxapi_openai_img",
      operation: "generate",
      prompt: "white-background product photo of a ceramic mug",
      params: {},
      inputAssetIds: [],
      maskAssetId: null,
      total: 1,
      totalIsCeiling: false,
    });
    expect(v.card).toBe(getModel("gpt-image-1"));
  });

  it("injects no edit default: input_fidelity only when chosen, and only where the model takes it", () => {
    expect(success(edit("gpt-image-1.5")).params).toEqual({});
    expect(success(edit("gpt-image-1.5", { input_fidelity: "high" })).params).toEqual({ input_fidelity: "high" });
    expect(success(edit("gpt-image-1", { input_fidelity: "low" })).params).toEqual({ input_fidelity: "low" });
    expect(failure(edit("gpt-image-1-mini", { input_fidelity: "low" })).code).toBe("param_not_supported");
    expect(failure(edit("gpt-image-2", { input_fidelity: "low" })).code).toBe("param_not_supported");
  });

  it("never adds the compression default, whatever the format", () => {
    expect(success(gen("gpt-image-1", { output_format: "jpeg" })).params).toEqual({ output_format: "jpeg" });
    expect(success(gen("gpt-image-1", { output_format: "webp" })).params).toEqual({ output_format: "webp" });
    expect(success(gen("gpt-image-1", { output_format: "png" })).params).toEqual({ output_format: "png" });
    expect(success(gen("gpt-image-1", { output_format: "webp", output_compression: 100 })).params).toEqual({
      output_format: "webp",
      output_compression: 100,
    });
  });

  it("dall-e-3: only response_format is sent unchosen (alwaysSend: b64_json, the upstream's own default is url)", () => {
    expect(success(gen("dall-e-3")).params).toEqual({ response_format: "b64_json" });
    expect(success(gen("dall-e-3", { response_format: "url", style: "natural" })).params).toEqual({
      style: "natural",
      response_format: "url",
    });
  });

  it("keeps a value equal to its default when the user chose it", () => {
    expect(success(gen("gpt-image-1", { n: 1, quality: "auto" })).params).toEqual({ n: 1, quality: "auto" });
  });

  it("keeps the user's values, in card order, and does not touch the input", () => {
    const params = { quality: "high", n: 3, size: "1536x1024" };
    const body = gen("gpt-image-1", params);
    const v = success(body);
    expect(Object.keys(v.params)).toEqual(["n", "size", "quality"]);
    expect(v.params).toEqual(params);
    expect(body.params).toEqual({ quality: "high", n: 3, size: "1536x1024" });
  });

  it("treats a missing params object as {}", () => {
    const { params: _p, ...body } = gen("gpt-image-1-mini");
    expect(success(body)).toMatchObject({ params: {}, total: 1, totalIsCeiling: false });
  });

  it("counts the images asked for: n, else one; an Ark group is a ceiling", () => {
    expect(success(gen("gpt-image-1", { n: 3 }))).toMatchObject({ total: 3, totalIsCeiling: false });
    expect(success(gen("dall-e-3"))).toMatchObject({ total: 1, totalIsCeiling: false });
    const ark = success(gen("doubao-seedream-4-0-250828", { sequential_image_generation: "auto", max_images: 5 }));
    expect(ark).toMatchObject({ provider: "ark", total: 5, totalIsCeiling: true });
  });

  it("resolves ids a family recognises: a snapshot gets its member's rules, a pattern id its family's", () => {
    const snap = success(gen("gpt-image-2-2026-04-21", { size: "2048x2048" }));
    expect(snap).toMatchObject({ model: "gpt-image-2-2026-04-21", provider: "dmxapi_openai_img" });
    expect(snap.card).toMatchObject({ id: "gpt-image-2-2026-04-21", family: "gpt-image-2" });
    const flare = success(gen("gpt-image-2.6-flare"));
    expect(flare.card).toMatchObject({
      id: "gpt-image-2.6-flare",
      family: "gpt-image-2",
      upstreamId: "gpt-image-2.6-flare",
    });
    expect(failure(gen("gpt-image-2.6-flare", { background: "transparent" })).details.issues).toEqual([
      { path: "params.background", message: expect.any(String) },
    ]);
  });

  it("checks against the lookup it is given (the live catalog), not the registry", () => {
    const only = getModel("gpt-image-1-mini")!;
    const lookup = (id: string) => (id === "house-model" ? { ...only, id: "house-model" } : undefined);
    expect(validateGenerationRequest(gen("house-model", { n: 2 }), lookup)).toMatchObject({
      ok: true,
      value: { model: "house-model", params: { n: 2 }, total: 2 },
    });
    const r = validateGenerationRequest(gen("gpt-image-1"), lookup);
    expect(!r.ok && r.error.details.issues).toEqual([{ path: "model", message: "unknown model 'gpt-image-1'" }]);
    const schema = generationRequestSchemaFor(lookup);
    expect(schema.safeParse(gen("house-model")).success).toBe(true);
    expect(schema.safeParse(gen("gpt-image-1")).success).toBe(false);
  });

  it("generationRequestSchema is the same check, usable directly", () => {
    expect(generationRequestSchema.safeParse(gen("gpt-image-1")).success).toBe(true);
    const r = generationRequestSchema.safeParse(gen("dall-e-3", { background: "auto" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["params", "background"]);
  });
});
