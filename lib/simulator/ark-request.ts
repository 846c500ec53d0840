import "server-only";
import { ARK_KNOWN, arkModel, arkPixels, invalidParam, type ArkModelSpec } from "./ark-models";
import type { RouteContext } from "./context";
import { arkError } from "./http";
import { inspectImage, parseDataUrl, type ImageInfo } from "./image-input";

export interface ArkRequest {
  model: string;
  spec: ArkModelSpec;
  prompt: string;
  refs: { bytes: Uint8Array; info: ImageInfo }[];
  width: number;
  height: number;
  count: number;
  /** `sequential_image_generation: auto`: `count` is a ceiling the model may stay under. */
  group: boolean;
  watermark: boolean;
  responseFormat: "url" | "b64_json";
}

type Obj = Record<string, unknown>;
const REF_FORMATS = ["jpeg", "png", "webp", "bmp", "tiff", "gif"];
const missing = (param: string) =>
  arkError(
    400,
    "MissingParameter",
    `The request failed because it is missing one or multiple required parameters: \`${param}\`.`,
    param,
  );

function checkType(body: Obj, key: string, type: "string" | "boolean" | "number" | "integer" | "object"): void {
  const v = body[key];
  if (v === undefined) return;
  const ok =
    type === "integer"
      ? Number.isInteger(v)
      : type === "object"
        ? typeof v === "object" && v !== null && !Array.isArray(v)
        : typeof v === type;
  if (!ok) throw invalidParam(key, `expected ${type}`);
}

function checkEnum(body: Obj, key: string, allowed: string[]): void {
  const v = body[key];
  if (v !== undefined && !allowed.includes(v as string))
    throw invalidParam(key, `expected one of ${allowed.join(", ")}`);
}

function checkRange(body: Obj, key: string, min: number, max: number): void {
  const v = body[key] as number | undefined;
  if (v !== undefined && (v < min || v > max)) throw invalidParam(key, `must be within [${min}, ${max}]`);
}

/** A reference image: a data URL (decoded and checked by content) or one of our own /files URLs. */
async function readRef(ctx: RouteContext, url: unknown): Promise<ArkRequest["refs"][number]> {
  if (typeof url !== "string") throw invalidParam("image", "each image must be a string (URL or data URL)");
  const bytes = url.startsWith("data:") ? parseDataUrl(url)?.bytes : ctx.files.resolveUrl(ctx.base, url);
  if (!bytes) {
    const why = url.startsWith("data:")
      ? "malformed data URL, expected data:image/<format>;base64,<data>"
      : "the simulator is offline and cannot fetch this URL; send a data URL";
    throw invalidParam("image", why);
  }
  const info = await inspectImage(bytes);
  if (!info || !REF_FORMATS.includes(info.format))
    throw invalidParam("image", "unsupported image format (jpeg, png, webp, bmp, tiff, gif)");
  if (bytes.length > 10 * 1024 * 1024) throw invalidParam("image", "image must be at most 10 MB");
  if (Math.min(info.width, info.height) <= 14 || Math.max(info.width / info.height, info.height / info.width) > 16) {
    throw invalidParam("image", "image edges must exceed 14 px with an aspect ratio within [1/16, 16]");
  }
  return { bytes, info };
}

async function readRefs(ctx: RouteContext, body: Obj, spec: ArkModelSpec): Promise<ArkRequest["refs"]> {
  const list = body.image === undefined ? [] : Array.isArray(body.image) ? body.image : [body.image];
  if (list.length < spec.minImages) throw missing("image");
  if (list.length > spec.maxImages)
    throw invalidParam("image", `at most ${spec.maxImages} image(s) for this model, got ${list.length}`);
  const refs = [];
  for (const item of list) refs.push(await readRef(ctx, item));
  return refs;
}

/** Group size: `auto` makes max_images (3 when unset), and references + outputs stay ≤ 15 (§G.2). */
function groupCount(body: Obj, refs: number): number {
  checkEnum(body, "sequential_image_generation", ["auto", "disabled"]);
  checkType(body, "sequential_image_generation_options", "object");
  const opts = (body.sequential_image_generation_options ?? {}) as Obj;
  for (const k of Object.keys(opts))
    if (k !== "max_images") throw invalidParam(`sequential_image_generation_options.${k}`, "unknown parameter");
  checkType(opts, "max_images", "integer");
  const max = opts.max_images as number | undefined;
  if (max !== undefined && (max < 1 || max > 15))
    throw invalidParam("sequential_image_generation_options.max_images", "must be within [1, 15]");
  if (body.sequential_image_generation !== "auto") return 1;
  if (max !== undefined && refs + max > 15) {
    throw invalidParam(
      "sequential_image_generation_options.max_images",
      `reference images (${refs}) plus max_images (${max}) must not exceed 15`,
    );
  }
  return max ?? Math.max(1, Math.min(3, 15 - refs));
}

function checkScalars(body: Obj): void {
  for (const [k, t] of [
    ["prompt", "string"],
    ["size", "string"],
    ["seed", "integer"],
    ["guidance_scale", "number"],
    ["watermark", "boolean"],
    ["stream", "boolean"],
    ["optimize_prompt_options", "object"],
  ] as const) {
    checkType(body, k, t);
  }
  checkRange(body, "seed", -1, 2147483647);
  checkRange(body, "guidance_scale", 1, 10);
  checkEnum(body, "response_format", ["url", "b64_json"]);
  if (body.optimize_prompt_options) checkEnum(body.optimize_prompt_options as Obj, "mode", ["standard", "fast"]);
  checkEnum(body, "output_format", ["png", "jpeg"]);
  if (body.tools !== undefined) {
    const ok = Array.isArray(body.tools) && body.tools.every((t) => (t as Obj | null)?.type === "web_search");
    if (!ok) throw invalidParam("tools", 'only [{type: "web_search"}] is supported');
  }
  if (body.stream === true) throw invalidParam("stream", "streaming is not supported by this simulator");
}

export async function readArkRequest(ctx: RouteContext): Promise<ArkRequest> {
  const b = ctx.body;
  if (b.kind !== "json" || typeof b.json !== "object" || b.json === null || Array.isArray(b.json)) {
    throw arkError(400, "InvalidParameter", "The request body is not valid JSON.");
  }
  const body = Object.fromEntries(Object.entries(b.json).filter(([, v]) => v !== null)) as Obj;
  if (typeof body.model !== "string" || !body.model) throw missing("model");
  const model = body.model;
  const spec = arkModel(model);
  if (!spec)
    throw arkError(
      404,
      "InvalidEndpointOrModel.NotFound",
      `The model or endpoint ${model} does not exist or you do not have access to it.`,
    );
  for (const k of Object.keys(body)) {
    if (!ARK_KNOWN.has(k)) throw invalidParam(k, "unknown parameter");
    if (!spec.params.has(k)) throw invalidParam(k, `not supported by model ${model}`);
  }
  checkScalars(body);
  if (typeof body.prompt !== "string" || !body.prompt.trim()) throw missing("prompt");
  const refs = await readRefs(ctx, body, spec);
  const count = groupCount(body, refs.length);
  const first = refs[0]?.info;
  const [width, height] = arkPixels(
    spec,
    (body.size as string | undefined) ?? spec.defaultSize,
    first ? first.width / first.height : null,
  );
  return {
    model,
    spec,
    prompt: body.prompt,
    refs,
    width,
    height,
    count,
    group: body.sequential_image_generation === "auto",
    watermark: body.watermark !== false,
    responseFormat: (body.response_format as "url" | "b64_json" | undefined) ?? "url",
  };
}
