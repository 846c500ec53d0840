import "server-only";

/** Public types of the simulator; `index.ts` re-exports them (others import from "@/lib/simulator"). */

export interface SimulatorOptions {
  /** Accepted API key. Requests without a key (or with a different one when this is set) get 401. Default: any non-empty key is accepted. */
  apiKey?: string;
  /** Simulated processing time per request in ms (default 0). Scales mildly with n/images but stays bounded. */
  latencyMs?: number;
}

export type FaultKind =
  | "delay"
  | "rate_limit"
  | "quota"
  | "auth"
  | "forbidden"
  | "server_error"
  | "unavailable"
  | "gateway_timeout"
  | "moderation"
  | "invalid_json"
  | "truncated_base64"
  | "hang"
  | "partial_failure"
  | "gemini_text_data_url";

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
