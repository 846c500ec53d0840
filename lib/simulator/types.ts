import "server-only";

/** Public types of the simulator; `index.ts` re-exports them (others import from "@/lib/simulator"). */

export interface SimulatorOptions {
  /** Accepted API key. Requests without a key (or with a different one when this is set) get 401. Default: any non-empty key is accepted. */
  apiKey?: string;
  /** Simulated processing time per request in ms (default 0). Scales mildly with n/images but stays bounded. */
  latencyMs?: number;
  /** Which ids the gateway lists and serves (default "today"); `reset()` comes back to this. */
  models?: ModelListingSetting;
  /** The clock shutdown dates are judged by (default: the real one). */
  now?: () => Date;
}

/**
 * "today": the world of 2026-12-01 (docs/upstreams.md §J.1). "all": every id the simulator has a spec for, the
 * legacy ones with their vendor shutdown dates yet still served (so tests can exercise them). A list: exactly
 * those ids; one whose `shutdownDate` has come is listed but refused like an unlisted one.
 */
export type ModelListingSetting = ModelPreset | ListedModelInput[];
export type ModelPreset = "today" | "all";

export interface ListedModelInput {
  id: string;
  /** `YYYY-MM-DD`; null or absent = no shutdown announced. */
  shutdownDate?: string | null;
}

/** One row of the current listing, as `GET /_control` shows it. */
export interface ListedModelView {
  id: string;
  api: "openai" | "gemini";
  shutdownDate: string | null;
  /** Whether generations for it are answered right now (false: refused with model_not_found). */
  served: boolean;
}

/**
 * Terminal kinds answer before any work, in the route's own envelope (OpenAI / Google / Ark); output kinds
 * shape a valid request's answer and stay armed through routes that cannot express them.
 */
export type FaultKind =
  | "delay" // adds `delayMs` before answering (then answers normally)
  | "rate_limit" // 429 rate_limit_exceeded (type "requests"), with retry-after: 1
  | "quota" // 429 insufficient_quota
  | "auth" // 401 invalid token
  | "forbidden" // 403
  | "server_error" // 500
  | "unavailable" // 503, new-api's "no channel available" message
  | "gateway_timeout" // 504
  | "moderation" // 400 moderation_blocked / content_policy_violation; Gemini IMAGE_SAFETY; Ark per-image errors
  | "invalid_json" // 200 with a body that is not JSON
  | "truncated_base64" // 200 whose b64_json / inlineData (or served URL file) is cut off mid-way
  | "hang" // never answers until the client aborts (answered 499 then; no timers left behind)
  | "partial_failure" // Ark only: data[1] (or the only image) fails with OutputImageSensitiveContentDetected
  | "short_group" // Ark only: an auto group comes back one image short of max_images, nothing failed (the model's choice)
  | "gemini_text_data_url" // Gemini only: the image comes back as a text part holding a data URL
  // The new-api gateway's own refusals (§J.3), in its envelope on the OpenAI and Gemini routes (not Ark: no gateway):
  | "insufficient_user_quota" // 403: the user's balance ran out
  | "pre_consume_token_quota_failed" // 403: the token could not pre-pay the request
  | "sensitive_words_detected" // 500: the gateway's word filter (a moderation block, whatever the status)
  | "prompt_blocked" // 400: the gateway's prompt filter
  | "model_not_found" // 503: no channel for the model in the key's group
  | "model_list_down" // 503 on GET /v1/models and /v1beta/models only
  | "stream_error"; // streamed OpenAI answers only: an `error` event after the first partial image

export const FAULT_KINDS = [
  "delay",
  "rate_limit",
  "quota",
  "auth",
  "forbidden",
  "server_error",
  "unavailable",
  "gateway_timeout",
  "moderation",
  "invalid_json",
  "truncated_base64",
  "hang",
  "partial_failure",
  "short_group",
  "gemini_text_data_url",
  "insufficient_user_quota",
  "pre_consume_token_quota_failed",
  "sensitive_words_detected",
  "prompt_blocked",
  "model_not_found",
  "model_list_down",
  "stream_error",
] as const satisfies readonly FaultKind[];

export interface FaultRule {
  kind: FaultKind;
  /** Only requests whose path (after the mount prefix) starts with this, e.g. "/v1/images/edits". */
  path?: string;
  /** Only requests for this model. */
  model?: string;
  /** How many matching requests it hits; default 1; 0 = until cleared. */
  times?: number;
  delayMs?: number;
}

export interface RecordedFile {
  name: string;
  filename: string;
  type: string;
  /** Bytes received, counted up to the 50 MB a multipart input may have (the rest is skipped). */
  bytes: number;
  width?: number;
  height?: number;
}

export interface RecordedRequest {
  /** The x-request-id it answered with (the upstream's id). */
  id: string;
  /** The X-Oneapi-Request-Id it answered with (the gateway's id). */
  gatewayId: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; credential values replaced by "<redacted>" (presence kept). */
  headers: Record<string, string>;
  authScheme: "bearer" | "bare" | "goog" | "query" | "none";
  /** "json" | "multipart" | other (the bare media type, or "none"). */
  contentType: string;
  /** Parsed JSON body; strings over 1024 chars (base64 images) are elided to their first 64 chars. */
  json?: unknown;
  /** Multipart text fields. */
  fields?: Record<string, string>;
  /** Multipart file parts in order (name is "image", "image[]" or "mask"). */
  files?: RecordedFile[];
  /** What it answered (499 when the client went away first). */
  status: number;
}

export interface Simulator {
  /** Web-standard handler. `req.url`'s pathname is taken relative to `mountPath` (default ""). */
  handle(req: Request, mountPath?: string): Promise<Response>;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Replaces the listing (validated like `POST /_control/models`; throws on an id without a spec). */
  setModels(models: ModelListingSetting): void;
  /** The current listing. */
  readonly models: ListedModelView[];
  /** Last 200 requests, oldest first. */
  readonly requests: RecordedRequest[];
  /** Image and model requests (POSTs) being answered now, and the most at once since the last reset. */
  readonly inFlight: { now: number; peak: number };
  /** Faults, latency and listing back to the constructor values, requests, stored files. */
  reset(): void;
}
