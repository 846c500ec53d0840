import "server-only";
import { inputBlob, inputSize } from "../image-bytes";
import type { BuiltRequest } from "../kit/run";
import type { DescribedPart, ProviderConfig, ProviderImageInput, ProviderRequest } from "../types";

/**
 * The wire format of OpenAI-img on DMXAPI: JSON to /v1/images/generations, multipart to
 * /v1/images/edits (seed: never Gemini's contents/parts). Field names live here, nowhere else.
 */

/**
 * Fields we may send besides model/prompt, in wire order (stable payloads whatever the key order
 * of the stored params). `stream` follows from `partial_images` (asking for previews is asking for a
 * stream); `user` never.
 */
const GENERATION_FIELDS = [
  "n",
  "size",
  "quality",
  "background",
  "moderation",
  "output_format",
  "output_compression",
  "style",
  "response_format",
  "partial_images",
];
/** The multipart edit schema has no `moderation` (it exists only in the JSON edit body). */
const EDIT_FIELDS = [
  "n",
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "input_fidelity",
  "partial_images",
];

const MAX_EDIT_IMAGES = 16;

function endpoint(config: ProviderConfig, path: string): string {
  return `${config.baseUrl.replace(/\/+$/, "")}/v1/images/${path}`;
}

/** Validation upstream of us should make these impossible; a bug must not reach a billed endpoint. */
function checkedParams(req: ProviderRequest, fields: string[]): [string, string | number | boolean][] {
  const names = Object.keys(req.params).filter((name) => req.params[name] !== undefined);
  for (const name of names) {
    if (!fields.includes(name)) throw new Error(`dmxapi_openai_img: '${name}' is not a ${req.operation} field`);
    const type = typeof req.params[name];
    if (type !== "string" && type !== "number" && type !== "boolean")
      throw new Error(`dmxapi_openai_img: '${name}' is not a scalar`);
  }
  return fields.filter((f) => names.includes(f)).map((f) => [f, req.params[f] as string | number | boolean]);
}

/** Previews asked for: the request streams (§C.2), and only where the gateway passes SSE through. */
export function wantsStream(req: ProviderRequest, config: ProviderConfig): boolean {
  const partials = req.params.partial_images;
  if (typeof partials !== "number" || partials < 1) return false;
  if (!(config.gateway?.streams ?? false)) throw new Error("dmxapi_openai_img: this gateway does not stream previews");
  return true;
}

/**
 * `partial_images` only travels with `stream: true` (the upstream refuses it alone): previews set back
 * to 0 mean "no stream", which is what leaving both out says.
 */
function wireParams(req: ProviderRequest, fields: string[], stream: boolean): [string, string | number | boolean][] {
  return checkedParams(req, fields).filter(([name]) => stream || name !== "partial_images");
}

function authHeaders(config: ProviderConfig, redacted: boolean, stream: boolean): Record<string, string> {
  const accept = stream ? "text/event-stream" : "application/json";
  return { authorization: `Bearer ${redacted ? "[redacted]" : config.apiKey}`, accept };
}

function buildGeneration(req: ProviderRequest, config: ProviderConfig): BuiltRequest {
  if (req.images.length > 0 || req.mask) throw new Error("dmxapi_openai_img: generate takes no images");
  // `model` always: without it the upstream falls back to dall-e-2 (docs/upstreams.md §A.1).
  const stream = wantsStream(req, config);
  const json = {
    model: req.model,
    prompt: req.prompt,
    ...Object.fromEntries(wireParams(req, GENERATION_FIELDS, stream)),
    ...(stream ? { stream: true } : {}),
  };
  const url = endpoint(config, "generations");
  const contentType = { "content-type": "application/json" };
  return {
    url,
    headers: { ...authHeaders(config, false, stream), ...contentType },
    body: JSON.stringify(json),
    described: {
      method: "POST",
      url,
      headers: { ...authHeaders(config, true, stream), ...contentType },
      body: { kind: "json", json },
    },
  };
}

function buildEdit(req: ProviderRequest, config: ProviderConfig): BuiltRequest {
  if (req.images.length < 1 || req.images.length > MAX_EDIT_IMAGES) {
    throw new Error(`dmxapi_openai_img: edit takes 1..${MAX_EDIT_IMAGES} images, got ${req.images.length}`);
  }
  const stream = wantsStream(req, config);
  const form = new FormData();
  const parts: DescribedPart[] = [];
  const text = (name: string, value: string) => {
    form.append(name, value);
    parts.push({ name, value });
  };
  // A Blob input goes in unread: fetch streams it into the body (from disk, for the store's file-backed Blobs).
  const file = (name: string, f: ProviderImageInput) => {
    form.append(name, inputBlob(f), f.filename);
    parts.push({ name, filename: f.filename, type: f.mimeType, bytes: inputSize(f) });
  };
  text("model", req.model);
  text("prompt", req.prompt);
  for (const [name, value] of wireParams(req, EDIT_FIELDS, stream)) text(name, String(value));
  if (stream) text("stream", "true");
  // DMXAPI documents the bare `image` repeated; OpenAI's SDK sends `image[]`. Per gateway config.
  for (const img of req.images) file(config.imagePartName, img);
  if (req.mask) file("mask", req.mask);
  const url = endpoint(config, "edits");
  // No content-type: fetch sets multipart/form-data with its own boundary.
  return {
    url,
    headers: authHeaders(config, false, stream),
    body: form,
    described: { method: "POST", url, headers: authHeaders(config, true, stream), body: { kind: "multipart", parts } },
  };
}

export function buildRequest(req: ProviderRequest, config: ProviderConfig): BuiltRequest {
  return req.operation === "generate" ? buildGeneration(req, config) : buildEdit(req, config);
}
