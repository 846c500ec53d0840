import "server-only";
import { inputBytes, inputSize } from "../image-bytes";
import type { BuiltRequest } from "../kit/run";
import type { DescribedRequest, ProviderConfig, ProviderImageInput, ProviderRequest } from "../types";

/**
 * The Volcengine Ark wire format (docs/upstreams.md §G.2): one JSON body to `{ARK_BASE_URL}/images/generations`
 * (the base already ends in `/api/v3`), reference images as data URLs in `image`. Never the OpenAI
 * multipart or Gemini `contents/parts` shapes (seed isolation rules). Field names live here.
 *
 * Studio params → wire: `max_images` → `sequential_image_generation_options.max_images` (only with
 * `sequential_image_generation: auto`), `prompt_optimization` → `optimize_prompt_options.mode`; the
 * rest keep Ark's names; `web_search: true` → `tools: [{type: "web_search"}]`. `response_format` is
 * always sent, `b64_json` unless asked otherwise, so nothing depends on a 24-hour URL. `stream` is never
 * sent (the studio reads one JSON answer).
 */

interface ArkBody {
  model: string;
  prompt: string;
  image?: string | string[];
  size?: string;
  seed?: number;
  guidance_scale?: number;
  sequential_image_generation?: string;
  sequential_image_generation_options?: { max_images: number };
  optimize_prompt_options?: { mode: string };
  output_format?: string;
  tools?: { type: "web_search" }[];
  response_format: string;
  watermark?: boolean;
}

const TYPES = {
  size: "string",
  seed: "number",
  guidance_scale: "number",
  sequential_image_generation: "string",
  max_images: "number",
  prompt_optimization: "string",
  watermark: "boolean",
  response_format: "string",
  output_format: "string",
  web_search: "boolean",
} as const;
type Field = keyof typeof TYPES;
type Params = {
  [K in Field]?: K extends "seed" | "guidance_scale" | "max_images"
    ? number
    : K extends "watermark" | "web_search"
      ? boolean
      : string;
};

/** Seedream 4.x takes up to 14 reference images (§G.2); cards may ask for fewer. */
const MAX_REFERENCE_IMAGES = 14;

export function endpoint(config: ProviderConfig): string {
  return `${config.baseUrl.replace(/\/+$/, "")}/images/generations`;
}

/** Validation before us should make these impossible; a bug must not reach a billed endpoint. */
function checkedParams(req: ProviderRequest): Params {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(req.params)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(TYPES, name)) throw new Error(`ark: '${name}' is not an Ark param`);
    if (typeof value !== TYPES[name as Field]) throw new Error(`ark: '${name}' must be a ${TYPES[name as Field]}`);
    out[name] = value;
  }
  const p = out as Params;
  if (p.max_images !== undefined && p.sequential_image_generation !== "auto") {
    throw new Error("ark: max_images needs sequential_image_generation 'auto'");
  }
  return p;
}

function checkedImages(req: ProviderRequest): ProviderImageInput[] {
  if (req.mask) throw new Error("ark: Ark takes no mask");
  if (req.operation === "generate" && req.images.length > 0) throw new Error("ark: generate takes no images");
  if (req.operation === "edit" && (req.images.length < 1 || req.images.length > MAX_REFERENCE_IMAGES)) {
    throw new Error(`ark: edit takes 1..${MAX_REFERENCE_IMAGES} reference images, got ${req.images.length}`);
  }
  return req.images;
}

function buildBody(req: ProviderRequest, imageUrl: (img: ProviderImageInput) => string): ArkBody {
  const p = checkedParams(req);
  const images = checkedImages(req).map(imageUrl);
  const body: ArkBody = { model: req.model, prompt: req.prompt, response_format: p.response_format ?? "b64_json" };
  // One reference as a plain string (SeedEdit documents a string), several as an array.
  if (images.length > 0) body.image = images.length === 1 ? images[0] : images;
  if (p.size !== undefined) body.size = p.size;
  if (p.seed !== undefined) body.seed = p.seed;
  if (p.guidance_scale !== undefined) body.guidance_scale = p.guidance_scale;
  if (p.sequential_image_generation !== undefined) body.sequential_image_generation = p.sequential_image_generation;
  if (p.max_images !== undefined) body.sequential_image_generation_options = { max_images: p.max_images };
  if (p.prompt_optimization !== undefined) body.optimize_prompt_options = { mode: p.prompt_optimization };
  if (p.output_format !== undefined) body.output_format = p.output_format;
  if (p.web_search === true) body.tools = [{ type: "web_search" }];
  if (p.watermark !== undefined) body.watermark = p.watermark;
  // A stable key order whatever order the stored params had.
  const order: (keyof ArkBody)[] = [
    "model",
    "prompt",
    "image",
    "size",
    "seed",
    "guidance_scale",
    "sequential_image_generation",
    "sequential_image_generation_options",
    "optimize_prompt_options",
    "output_format",
    "tools",
    "response_format",
    "watermark",
  ];
  return Object.fromEntries(order.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])) as unknown as ArkBody;
}

function headers(config: ProviderConfig, redacted: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${redacted ? "[redacted]" : config.apiKey}`,
    "content-type": "application/json",
    accept: "application/json",
  };
}

function urlAndHeaders(config: ProviderConfig) {
  return { url: endpoint(config), sent: headers(config, false), redacted: headers(config, true) };
}

/** The description elides image data: it is for logs and dry runs, not megabytes of base64. */
export function describeRequest(req: ProviderRequest, config: ProviderConfig): DescribedRequest {
  const { url, redacted } = urlAndHeaders(config);
  const json = buildBody(req, (img) => `data:${img.mimeType};base64,[${inputSize(img)} bytes]`);
  return { method: "POST", url, headers: redacted, body: { kind: "json", json } };
}

/**
 * The JSON body with each reference as a data URL. Blob inputs are read here, one at a time, each dropped once
 * it is base64 (the job runner counted their bytes in MAX_INFLIGHT_INPUT_BYTES before the job started).
 */
export async function buildRequest(req: ProviderRequest, config: ProviderConfig): Promise<BuiltRequest> {
  const described = describeRequest(req, config); // every check of the params and images, before any read
  const { url, sent } = urlAndHeaders(config);
  const urls = new Map<ProviderImageInput, string>();
  for (const [i, img] of checkedImages(req).entries()) {
    if (urls.has(img)) continue;
    const bytes = await inputBytes(img, i);
    const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
    urls.set(img, `data:${img.mimeType};base64,${b64}`);
  }
  const body = JSON.stringify(buildBody(req, (img) => urls.get(img)!));
  return { url, headers: sent, body, described };
}
