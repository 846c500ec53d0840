import "server-only";
import { inputBytes, inputSize } from "../image-bytes";
import type { BuiltRequest } from "../kit/run";
import type { DescribedRequest, ProviderConfig, ProviderImageInput, ProviderRequest } from "../types";

/**
 * The Gemini-native wire format on DMXAPI (docs/upstreams.md §F.4): one JSON body with `contents/parts`
 * (the prompt, then each input image as `inline_data`) and `generationConfig`. Never the OpenAI
 * `/v1/images/*` shapes (seed isolation rules). Field names live here, nowhere else.
 *
 * Studio params → wire: `aspect_ratio` → `generationConfig.imageConfig.aspectRatio` ("auto" = left
 * out, so the model follows the input image), `image_size` → `imageConfig.imageSize`,
 * `google_search: true` → `tools: [{google_search: {}}]`.
 */

/** Requests use DMXAPI's documented snake_case for parts; answers come back camelCase (§F.4). */
type Part = { text: string } | { inline_data: { mime_type: string; data: string } };

interface GeminiBody {
  contents: { role: "user"; parts: Part[] }[];
  generationConfig: { responseModalities?: string[]; imageConfig?: { aspectRatio?: string; imageSize?: string } };
  tools?: { google_search: Record<string, never> }[];
}

const FIELDS = ["aspect_ratio", "image_size", "google_search"] as const;
type Field = (typeof FIELDS)[number];

/** Google's cap on input images per request (the 3.x models; cards may ask for fewer). */
const MAX_INPUT_IMAGES = 14;

export function endpoint(config: ProviderConfig, model: string): string {
  return `${config.baseUrl.replace(/\/+$/, "")}/v1beta/models/${encodeURIComponent(model)}:generateContent`;
}

/** Validation before us should make these impossible; a bug must not reach a billed endpoint. */
function checkedParams(req: ProviderRequest): Partial<Record<Field, string | boolean>> {
  const out: Partial<Record<Field, string | boolean>> = {};
  for (const [name, value] of Object.entries(req.params)) {
    if (value === undefined) continue;
    if (!(FIELDS as readonly string[]).includes(name))
      throw new Error(`dmxapi_gemini: '${name}' is not a Gemini param`);
    const want = name === "google_search" ? "boolean" : "string";
    if (typeof value !== want) throw new Error(`dmxapi_gemini: '${name}' must be a ${want}`);
    out[name as Field] = value as string | boolean;
  }
  return out;
}

function checkedImages(req: ProviderRequest): ProviderImageInput[] {
  if (req.mask) throw new Error("dmxapi_gemini: Gemini takes no mask");
  if (req.operation === "generate" && req.images.length > 0) throw new Error("dmxapi_gemini: generate takes no images");
  if (req.operation === "edit" && (req.images.length < 1 || req.images.length > MAX_INPUT_IMAGES)) {
    throw new Error(`dmxapi_gemini: edit takes 1..${MAX_INPUT_IMAGES} images, got ${req.images.length}`);
  }
  return req.images;
}

function buildBody(req: ProviderRequest, imageData: (img: ProviderImageInput) => string): GeminiBody {
  const p = checkedParams(req);
  const parts: Part[] = [{ text: req.prompt }];
  for (const img of checkedImages(req)) parts.push({ inline_data: { mime_type: img.mimeType, data: imageData(img) } });
  const imageConfig: { aspectRatio?: string; imageSize?: string } = {};
  if (typeof p.aspect_ratio === "string" && p.aspect_ratio !== "auto") imageConfig.aspectRatio = p.aspect_ratio;
  if (typeof p.image_size === "string") imageConfig.imageSize = p.image_size;
  // TEXT too: when the model declines to draw, its words are the only explanation we get. Not for a
  // family whose card says it takes no `responseModalities` (DMXAPI documents that of Gemini 2.5, §F.3).
  const modalities = req.wire?.responseModalities === false ? {} : { responseModalities: ["TEXT", "IMAGE"] };
  const body: GeminiBody = {
    contents: [{ role: "user", parts }],
    generationConfig: { ...modalities, ...(Object.keys(imageConfig).length ? { imageConfig } : {}) },
  };
  if (p.google_search === true) body.tools = [{ google_search: {} }];
  return body;
}

function headers(config: ProviderConfig, redacted: boolean): Record<string, string> {
  // The key goes in x-goog-api-key (§F.2), never in the URL where proxies log it.
  return {
    "x-goog-api-key": redacted ? "[redacted]" : config.apiKey,
    "content-type": "application/json",
    accept: "application/json",
  };
}

/** Length of the base64 of `bytes` bytes, padding included (what Buffer writes). */
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * The exact byte size of the body `buildRequest` sends, from the input sizes alone (nothing is read): the
 * JSON with empty image data, plus each image's base64 (ASCII, one byte a character, never escaped).
 */
export function requestBytes(req: ProviderRequest): number {
  const json = JSON.stringify(buildBody(req, () => ""));
  return Buffer.byteLength(json) + checkedImages(req).reduce((n, img) => n + base64Length(inputSize(img)), 0);
}

function headersAndUrl(req: ProviderRequest, config: ProviderConfig) {
  return { url: endpoint(config, req.model), headers: headers(config, false), redacted: headers(config, true) };
}

/** The description elides image data: it is for logs and dry runs, not megabytes of base64. */
export function describeRequest(req: ProviderRequest, config: ProviderConfig): DescribedRequest {
  const { url, redacted } = headersAndUrl(req, config);
  const json = buildBody(req, (img) => `[base64 of ${inputSize(img)} bytes]`);
  return { method: "POST", url, headers: redacted, body: { kind: "json", json } };
}

/**
 * The JSON body with the images inline. Blob inputs are read here, one at a time, each dropped once it is
 * base64 (the job runner counted their bytes in MAX_INFLIGHT_INPUT_BYTES before the job started).
 */
export async function buildRequest(req: ProviderRequest, config: ProviderConfig): Promise<BuiltRequest> {
  const described = describeRequest(req, config); // every check of the params and images, before any read
  const { url, headers: sent } = headersAndUrl(req, config);
  const encoded = new Map<ProviderImageInput, string>();
  for (const [i, img] of checkedImages(req).entries()) {
    if (encoded.has(img)) continue;
    const bytes = await inputBytes(img, i);
    encoded.set(img, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"));
  }
  const body = JSON.stringify(buildBody(req, (img) => encoded.get(img)!));
  return { url, headers: sent, body, described };
}
