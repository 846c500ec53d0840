import "server-only";

/** Public types of the simulator; `index.ts` re-exports them (others import from "@/lib/simulator"). */

export interface SimulatorOptions {
  /** Accepted API key. Requests without a key (or with a different one when this is set) get 401. Default: any non-empty key is accepted. */
  apiKey?: string;
  /** Simulated processing time per request in ms (default 0). Scales mildly with n/images but stays bounded. */
  latencyMs?: number;
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
  | "gemini_text_data_url"; // Gemini only: the image comes back as a text part holding a data URL

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
  bytes: number;
  width?: number;
  height?: number;
}

export interface RecordedRequest {
  /** The x-request-id it answered with. */
  id: string;
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
  /** Last 200 requests, oldest first. */
  readonly requests: RecordedRequest[];
  /** Faults, latency back to the constructor value, requests, stored files. */
  reset(): void;
}
