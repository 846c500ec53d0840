/**
 * The contract between the job runner and each upstream module (dmxapi-openai-img/, dmxapi-gemini/, ark/).
 * Type-only, so isomorphic code may import it; the modules themselves are server-only.
 */
import type { UpstreamErrorCode } from "@/lib/errors";
import type { Operation, ProviderId, WireFlags } from "@/lib/models/types";
import type { ImageMime } from "@/lib/contracts/mime";
import type { GatewayPreset } from "./gateways";

export type { ProviderId };

/**
 * An input image: its bytes in memory, or a Blob that is read only when the request is sent (the job runner
 * passes file-backed Blobs from the store, so a multipart edit streams its inputs from disk instead of holding
 * them). Formats that inline images (Gemini base64, Ark data URLs) read a Blob while they build the body.
 * `lib/providers/image-bytes.ts` reads either form: `inputSize`, `inputBlob`, `inputBytes`.
 */
export type ProviderImageInput = {
  mimeType: string;
  filename: string;
} & ({ bytes: Uint8Array; blob?: undefined } | { blob: Blob; bytes?: undefined });

export type ProviderPhase = "submitting" | "generating" | "downloading";

/** A partial image streamed while the model draws (a preview of the running job, never an asset). */
export interface ProviderPreview {
  index: number;
  bytes: Uint8Array;
  mimeType: string;
}

export interface ProviderRequest {
  model: string;
  operation: "generate" | "edit";
  prompt: string;
  /** Validated upstream params as the user chose them, plus `alwaysSend` ones (ResolvedGenerationRequest.params). */
  params: Record<string, unknown>;
  images: ProviderImageInput[];
  mask?: ProviderImageInput;
  /** The family's provider-specific switches (ModelCard.wire). */
  wire?: WireFlags;
  signal?: AbortSignal;
  onPhase?: (phase: ProviderPhase) => void;
  /** Streamed partial images, when the request asked for them and the gateway streams. */
  onPreview?: (preview: ProviderPreview) => void;
}

export interface ProviderConfig {
  /** DMXAPI: the origin without `/v1`. Ark: ARK_BASE_URL, which already ends in `/api/v3`. */
  baseUrl: string;
  apiKey: string;
  /** Bound of each upstream request (the call itself, and each image download). */
  timeoutMs: number;
  /** DMXAPI documents repeated `image` parts; OpenAI and OmniMaaS document `image[]`. */
  imagePartName: "image" | "image[]";
  /** What the gateway in front is: request-id header, error dialect, streaming. Absent: a new-api gateway. */
  gateway?: GatewayPreset;
  /** Cap per downloaded image; default 64 MiB. */
  maxDownloadBytes?: number;
  fetch?: typeof fetch;
}

export interface ProviderImage {
  bytes: Uint8Array;
  /** From the bytes' magic, not from the requested format. */
  mimeType: ImageMime;
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
  /** The gateway's request id when there is one, else the vendor's. */
  requestId: string | null;
  /** The vendor's own id when a gateway stood between. */
  vendorRequestId: string | null;
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

/** One entry of a gateway's model list (docs/upstreams.md §J.2). */
export interface ListedModel {
  id: string;
  /** `YYYY-MM-DD` when the gateway announces one. */
  shutdownDate: string | null;
}

export interface ImageProvider {
  id: ProviderId;
  /**
   * The upstream requests one job makes, as the params of each (OpenAI generate: n requests of n=1 for
   * progress and partial success; everything else one request).
   */
  plan(operation: Operation, params: Record<string, unknown>): Record<string, unknown>[];
  /** The gateway's model list; throws when it cannot be read. Absent: the upstream publishes none. */
  listModels?(config: ProviderConfig, signal?: AbortSignal): Promise<ListedModel[]>;
  /** The request `run` would send, without sending it (dry runs, logs, tests). */
  describe(req: ProviderRequest, config: ProviderConfig): DescribedRequest;
  /** Throws UpstreamError for upstream failures, and an `AbortError` when `req.signal` aborts. */
  run(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult>;
}
