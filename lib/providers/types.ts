/**
 * The contract between the job runner and each upstream module (dmxapi-openai-img/, dmxapi-gemini/, ark/).
 * Type-only, so isomorphic code may import it; the modules themselves are server-only.
 */
import type { UpstreamErrorCode } from "@/lib/errors";
import type { ProviderId } from "@/lib/models/types";

export type { ProviderId };

export interface ProviderImageInput {
  bytes: Uint8Array;
  mimeType: string;
  filename: string;
}

export type ProviderPhase = "submitting" | "generating" | "downloading";

export interface ProviderRequest {
  model: string;
  operation: "generate" | "edit";
  prompt: string;
  /** Validated upstream params with defaults filled (ValidGenerationRequest.params). */
  params: Record<string, unknown>;
  images: ProviderImageInput[];
  mask?: ProviderImageInput;
  signal?: AbortSignal;
  onPhase?: (phase: ProviderPhase) => void;
}

export interface ProviderConfig {
  /** DMXAPI: the origin without `/v1`. Ark: ARK_BASE_URL, which already ends in `/api/v3`. */
  baseUrl: string;
  apiKey: string;
  /** Bound of each upstream request (the call itself, and each image download). */
  timeoutMs: number;
  /** DMXAPI documents repeated `image` parts; OpenAI and OmniMaaS document `image[]`. */
  imagePartName: "image" | "image[]";
  /** Cap per downloaded image; default 64 MiB. */
  maxDownloadBytes?: number;
  fetch?: typeof fetch;
}

export interface ProviderImage {
  bytes: Uint8Array;
  /** From the bytes' magic, not from the requested format. */
  mimeType: string;
  revisedPrompt: string | null;
}

export interface ProviderFailure {
  /** Position in the answer's images: the `data` array (OpenAI-img, Ark), the image parts (Gemini). */
  index: number;
  code: UpstreamErrorCode;
  message: string;
}

export interface ProviderResult {
  images: ProviderImage[];
  /** Items of the answer that could not be turned into an image; the others are kept (they were billed). */
  failures: ProviderFailure[];
  usage: Record<string, unknown> | null;
  requestId: string | null;
  /** What the upstream says it used (`size`, `quality`, `background`, `output_format`), when it says so. */
  resolved: Record<string, string>;
  httpStatus: number;
}

export type DescribedPart = { name: string; value?: string; filename?: string; type?: string; bytes?: number };

export interface DescribedRequest {
  method: "POST";
  url: string;
  /** The key is redacted. */
  headers: Record<string, string>;
  body: { kind: "json"; json: unknown } | { kind: "multipart"; parts: DescribedPart[] };
}

export interface ImageProvider {
  id: ProviderId;
  /** The request `run` would send, without sending it (dry runs, logs, tests). */
  describe(req: ProviderRequest, config: ProviderConfig): DescribedRequest;
  /** Throws UpstreamError for upstream failures, and an `AbortError` when `req.signal` aborts. */
  run(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult>;
}
