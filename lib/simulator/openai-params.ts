import "server-only";
import { modelNotFoundError } from "./gateway-errors";
import { bad, fail, intIn, oneOf, typed } from "./param-readers";
import { KNOWN_EDIT, KNOWN_GENERATE, openaiModel, type OpenAIModelId, type OpenAIModelSpec } from "./openai-models";
import type { OutFormat } from "./render";

export type Operation = "generate" | "edit";

export interface OpenAIParams {
  op: Operation;
  model: OpenAIModelId;
  spec: OpenAIModelSpec;
  prompt: string;
  n: number;
  /** As asked ("auto" or a size); resolved by the route. */
  size: string | undefined;
  quality: string;
  background: "transparent" | "opaque" | "auto";
  outputFormat: OutFormat;
  compression: number | undefined;
  responseFormat: "url" | "b64_json";
  inputFidelity: "high" | "low" | undefined;
  /** `stream: true`: the answer is SSE (§C.2), with `partialImages` partial renders before the final one. */
  stream: boolean;
  partialImages: number;
}

/** new-api routes on `model` before anything reaches the upstream: missing is 400, unknown is its 503 (§D.3). */
function readModel(raw: Record<string, unknown>, op: Operation): { id: OpenAIModelId; spec: OpenAIModelSpec } {
  const m = raw.model;
  if (m === undefined || m === null || m === "")
    fail(bad("model", "Missing required parameter: 'model'.", "missing_required_parameter"));
  if (typeof m !== "string")
    return fail(
      bad("model", `Invalid type for 'model': expected a string, but got a ${typeof m} instead.`, "invalid_type"),
    );
  const spec = openaiModel(m);
  if (!spec) return fail(modelNotFoundError(m));
  if (op === "edit" && spec.maxEditImages === 0) {
    fail(bad("model", `${m} does not support image edits. Use a gpt-image model (e.g. gpt-image-2) or dall-e-2.`));
  }
  return { id: m as OpenAIModelId, spec };
}

/** Unknown to the endpoint's schema → unknown_parameter; known but not for this model → unsupported_parameter. */
function checkKeys(raw: Record<string, unknown>, op: Operation, spec: OpenAIModelSpec): void {
  const known = op === "generate" ? KNOWN_GENERATE : KNOWN_EDIT;
  const accepted = op === "generate" ? spec.generate : spec.edit;
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) fail(bad(key, `Unknown parameter: '${key}'.`, "unknown_parameter"));
    if (!accepted.has(key)) {
      fail(
        bad(
          key,
          `Unsupported parameter: '${key}' is not supported with this model (${String(raw.model)}).`,
          "unsupported_parameter",
        ),
      );
    }
  }
}

function readPrompt(raw: Record<string, unknown>, spec: OpenAIModelSpec, form: boolean): string {
  const p = typed(raw, "prompt", "string", form) as string | undefined;
  if (p === undefined) fail(bad("prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter"));
  if (p.length === 0)
    fail(bad("prompt", "Invalid 'prompt': empty string. Expected a string with minimum length 1.", "empty_string"));
  if (p.length > spec.promptMax) {
    fail(
      bad(
        "prompt",
        `Invalid 'prompt': string too long. Expected a string with maximum length ${spec.promptMax}, but got a string with length ${p.length} instead.`,
        "string_above_max_length",
      ),
    );
  }
  return p;
}

/** Note 6: gpt-image-2 takes custom WxH within its limits besides the fixed list. */
export function checkSize(size: string, model: string, spec: OpenAIModelSpec): void {
  if (spec.sizes.includes(size)) return;
  const m = /^(\d+)x(\d+)$/.exec(size);
  if (!spec.customSizes || !m) return void oneOf("size", size, spec.sizes);
  const [w, h] = [Number(m[1]), Number(m[2])];
  const why =
    w % 16 || h % 16
      ? "both edges must be multiples of 16"
      : Math.max(w, h) > 3 * Math.min(w, h)
        ? "the aspect ratio must be between 1:3 and 3:1"
        : Math.max(w, h) > 3840
          ? "the long edge must be at most 3840"
          : w * h < 655_360 || w * h > 8_294_400
            ? "the total pixel count must be between 655360 and 8294400"
            : null;
  if (why) fail(bad("size", `Invalid value: '${size}'. Custom sizes for ${model}: ${why}.`));
}

/** `stream` / `partial_images` (§A.1, §B.2); the model's own acceptance of them was settled by checkKeys. */
function readStreaming(raw: Record<string, unknown>, n: number, form: boolean) {
  const partialImages = intIn(raw, "partial_images", 0, 3, form);
  const stream = typed(raw, "stream", "boolean", form) === true;
  // UNCONFIRMED upstream behaviour (§C.2 does not say how n > 1 streams): refused rather than guessed.
  if (stream && n > 1) fail(bad("n", `Streaming takes n=1 only, got n=${n}.`));
  // OpenAI may ignore it without a stream; the simulator is strict, so a studio bug shows up.
  if (partialImages !== undefined && !stream)
    fail(bad("partial_images", "'partial_images' requires 'stream': true.", "invalid_value"));
  return { stream, partialImages: partialImages ?? 0 };
}

export function readOpenAIParams(raw: Record<string, unknown>, op: Operation, form: boolean): OpenAIParams {
  for (const k of Object.keys(raw)) if (raw[k] === null) delete raw[k]; // null means "not given"
  const { id, spec } = readModel(raw, op);
  checkKeys(raw, op, spec);
  const gpt = spec.family === "gpt-image";
  const prompt = readPrompt(raw, spec, form);
  const n = intIn(raw, "n", 1, spec.nMax, form) ?? 1;
  const size = typed(raw, "size", "string", form) as string | undefined;
  if (size !== undefined) checkSize(size, id, spec);
  const quality =
    raw.quality === undefined
      ? gpt
        ? "auto"
        : "standard"
      : oneOf("quality", typed(raw, "quality", "string", form), spec.qualities);
  const background =
    raw.background === undefined
      ? "auto"
      : oneOf("background", raw.background, ["transparent", "opaque", "auto"] as const);
  if (background === "transparent" && !spec.transparent)
    fail(bad("background", `Transparent background is not supported for ${id}.`));
  if (raw.moderation !== undefined) oneOf("moderation", raw.moderation, ["low", "auto"]);
  const outputFormat =
    raw.output_format === undefined
      ? "png"
      : oneOf("output_format", raw.output_format, ["png", "jpeg", "webp"] as const);
  if (background === "transparent" && outputFormat === "jpeg") {
    fail(
      bad("background", "Transparent background requires output_format 'png' or 'webp'; 'jpeg' has no alpha channel."),
    );
  }
  const compression = intIn(raw, "output_compression", 0, 100, form);
  if (compression !== undefined && compression < 100 && outputFormat === "png") {
    fail(
      bad("output_compression", "Compression less than 100 is only supported for 'jpeg' and 'webp' output formats."),
    );
  }
  const { stream, partialImages } = readStreaming(raw, n, form);
  const responseFormat =
    raw.response_format === undefined
      ? "url"
      : oneOf("response_format", raw.response_format, ["url", "b64_json"] as const);
  if (raw.style !== undefined) oneOf("style", raw.style, ["vivid", "natural"]);
  const inputFidelity =
    raw.input_fidelity === undefined
      ? undefined
      : oneOf("input_fidelity", raw.input_fidelity, ["high", "low"] as const);
  typed(raw, "user", "string", form);
  return {
    op,
    model: id,
    spec,
    prompt,
    n,
    size,
    quality,
    background,
    outputFormat,
    compression,
    responseFormat,
    inputFidelity,
    stream,
    partialImages,
  };
}
