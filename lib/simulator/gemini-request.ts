import "server-only";
import type { RouteContext } from "./context";
import type { GeminiModelSpec } from "./gemini-models";
import { googleError } from "./http";
import { decodeBase64, inspectImage, type ImageInfo } from "./image-input";

/** What the Gemini route needs from a validated `generateContent` body. */
export interface GeminiRequest {
  prompt: string;
  images: { bytes: Buffer; info: ImageInfo }[];
  withText: boolean;
  aspectRatio: string | undefined;
  imageSize: string;
}

type Obj = Record<string, unknown>;

// Google's JSON mapping accepts both proto names (snake_case) and lowerCamelCase, so we compare in camelCase.
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

const TOP = [
  "contents",
  "generationConfig",
  "tools",
  "toolConfig",
  "systemInstruction",
  "safetySettings",
  "cachedContent",
  "labels",
];
const GEN_CONFIG = [
  "responseModalities",
  "imageConfig",
  "temperature",
  "topP",
  "topK",
  "candidateCount",
  "maxOutputTokens",
  "seed",
  "stopSequences",
  "thinkingConfig",
  "responseMimeType",
  "presencePenalty",
  "frequencyPenalty",
  "mediaResolution",
];
const PART = ["text", "inlineData", "thoughtSignature", "thought"];
const IMAGE_MIME = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

const invalid = (message: string) => googleError(400, message);

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Camel-cases the keys and refuses unknown ones with Google's own wording. */
function fieldsOf(v: unknown, allowed: string[], where: string): Obj {
  if (!isObj(v)) throw invalid(`Invalid JSON payload received. Expected an object at '${where}'.`);
  const out: Obj = {};
  for (const [k, val] of Object.entries(v)) {
    const c = camel(k);
    if (!allowed.includes(c))
      throw invalid(`Invalid JSON payload received. Unknown name "${k}" at '${where}': Cannot find field.`);
    out[c] = val;
  }
  return out;
}

async function readPart(
  raw: unknown,
  where: string,
  acc: { texts: string[]; images: GeminiRequest["images"] },
): Promise<void> {
  if (isObj(raw) && ("fileData" in raw || "file_data" in raw)) {
    throw invalid(`${where}.file_data: the simulator is offline and only takes inline_data images.`);
  }
  const part = fieldsOf(raw, PART, where);
  if (typeof part.text === "string") acc.texts.push(part.text);
  if (part.inlineData === undefined) return;
  const blob = fieldsOf(part.inlineData, ["mimeType", "data"], `${where}.inline_data`);
  const mime = String(blob.mimeType ?? "");
  if (!mime) throw invalid(`${where}.inline_data.mime_type: mime_type is required.`);
  if (!IMAGE_MIME.includes(mime)) throw invalid(`Unsupported MIME type: ${mime}`);
  const bytes = typeof blob.data === "string" ? decodeBase64(blob.data) : null;
  if (!bytes) throw invalid(`Invalid value at '${where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed.`);
  const info = await inspectImage(bytes);
  if (!info)
    throw invalid(
      "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    );
  acc.images.push({ bytes, info });
}

/** A field the model's card does not take, in Google's "unknown field" words. */
const notForModel = (field: string, where: string, model: string) =>
  invalid(
    `Invalid JSON payload received. Unknown name "${field}" at '${where}': Cannot find field (not supported by ${model}).`,
  );

function readConfig(raw: unknown, spec: GeminiModelSpec, model: string) {
  const cfg = raw === undefined ? {} : fieldsOf(raw, GEN_CONFIG, "generation_config");
  if (cfg.responseModalities !== undefined && !spec.modalities)
    throw notForModel("response_modalities", "generation_config", model);
  const modalities = cfg.responseModalities === undefined ? ["TEXT", "IMAGE"] : cfg.responseModalities;
  if (
    !Array.isArray(modalities) ||
    modalities.some((m) => typeof m !== "string" || !["TEXT", "IMAGE"].includes(m.toUpperCase()))
  ) {
    throw invalid("Invalid value at 'generation_config.response_modalities': expected TEXT and/or IMAGE.");
  }
  const upper = modalities.map((m: string) => m.toUpperCase());
  if (!upper.includes("IMAGE")) throw invalid("Model does not support the requested response modalities: text");
  if (cfg.candidateCount !== undefined && cfg.candidateCount !== 1)
    throw invalid(`Multiple candidates is not enabled for models/${model}`);
  const img =
    cfg.imageConfig === undefined
      ? {}
      : fieldsOf(cfg.imageConfig, ["aspectRatio", "imageSize"], "generation_config.image_config");
  const aspectRatio = img.aspectRatio as string | undefined;
  if (aspectRatio !== undefined && !spec.ratios.includes(aspectRatio)) {
    throw invalid(
      `Unsupported aspect ratio '${String(aspectRatio)}' for ${model}. Supported: ${spec.ratios.join(", ")}.`,
    );
  }
  if (img.imageSize !== undefined && spec.sizes.length === 0)
    throw notForModel("image_size", "generation_config.image_config", model);
  const imageSize = (img.imageSize as string | undefined) ?? "1K";
  if (img.imageSize !== undefined && !spec.sizes.includes(imageSize)) {
    throw invalid(
      `Unsupported image size '${String(imageSize)}' for ${model}. Supported: ${spec.sizes.join(", ")} (upper-case K).`,
    );
  }
  return { withText: upper.includes("TEXT"), aspectRatio, imageSize };
}

/** `tools: [{google_search: {}}]` and the like: each entry names one tool, which the model must take. */
function checkTools(raw: unknown, spec: GeminiModelSpec, model: string): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) throw invalid("Invalid JSON payload received. Expected an array at 'tools'.");
  raw.forEach((tool, i) => {
    const keys = isObj(tool) ? Object.keys(tool) : [];
    if (keys.length !== 1)
      throw invalid(`Invalid JSON payload received. Expected one tool per entry at 'tools[${i}]'.`);
    if (!spec.tools.includes(camel(keys[0]))) throw notForModel(keys[0], `tools[${i}]`, model);
  });
}

export async function readGeminiRequest(
  ctx: RouteContext,
  spec: GeminiModelSpec,
  model: string,
): Promise<GeminiRequest> {
  const b = ctx.body;
  if (b.kind !== "json") throw invalid("Invalid JSON payload received. Unexpected token.");
  const body = fieldsOf(b.json, TOP, "");
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    throw invalid("* GenerateContentRequest.contents: contents is not specified");
  const acc = { texts: [] as string[], images: [] as GeminiRequest["images"] };
  for (const [i, c] of body.contents.entries()) {
    const content = fieldsOf(c, ["role", "parts"], `contents[${i}]`);
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
      throw invalid(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`);
    }
    for (const [j, part] of content.parts.entries()) await readPart(part, `contents[${i}].parts[${j}]`, acc);
  }
  if (acc.images.length > 14) throw invalid(`Too many input images (${acc.images.length}); at most 14 are supported.`);
  checkTools(body.tools, spec, model);
  return { prompt: acc.texts.join("\n"), images: acc.images, ...readConfig(body.generationConfig, spec, model) };
}
