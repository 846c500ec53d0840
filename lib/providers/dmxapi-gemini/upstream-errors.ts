import "server-only";
import { z } from "zod";
import type { UpstreamErrorCode } from "@/lib/errors";
import { UpstreamError } from "@/lib/errors";

/**
 * Gemini-native error semantics, mapped on their own (seed: no shared error meaning across providers).
 * Google's envelope is `{error:{code,message,status,details?}}` (docs/upstreams.md §D.3); DMXAPI itself may
 * answer in a new-api envelope (`{error:{message,type,code}}`, "(request id: …)" suffix), so both read.
 */

const MAX_MESSAGE = 500;

/** Never let the key out, also in the forms a gateway might echo (new-api strips the `sk-` prefix). */
export function redact(text: string, apiKey: string): string {
  let out = text;
  for (const k of [apiKey, apiKey.replace(/^sk-/, "")].filter((k) => k.length >= 6))
    out = out.split(k).join("[redacted]");
  return out
    .replace(/\bsk-[A-Za-z0-9_-]{16,}/g, "sk-[redacted]")
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, "AIza[redacted]");
}

/** The gateway's id first (what DMXAPI support asks for), then Google's `responseId`, then a message suffix. */
export function requestIdFrom(headers: Headers, responseId?: string | null, message?: string | null): string | null {
  const fromHeader = headers.get("x-request-id") ?? headers.get("x-oneapi-request-id");
  if (fromHeader) return fromHeader;
  if (responseId) return responseId;
  const m = message ? /\(request id: ([^)\s]+)\)/i.exec(message) : null;
  return m ? m[1] : null;
}

const errorObject = z.looseObject({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  type: z.string().nullish(),
  details: z.array(z.looseObject({ reason: z.string().nullish() })).nullish(),
});

const envelopeSchema = z.looseObject({
  error: z.union([z.string(), errorObject]).optional(),
  message: z.string().optional(),
});

export interface GeminiErrorBody {
  message: string | null;
  /** Google's canonical status (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, …) or a gateway's code. */
  status: string | null;
  /** `details[].reason` of a google.rpc.ErrorInfo, e.g. `API_KEY_INVALID`. */
  reason: string | null;
  /** The numeric `code` of Google's envelope (its HTTP status). */
  code: number | null;
}

function plainText(text: string): string | null {
  const t = text.trim();
  return t !== "" && t.length <= 200 && !t.startsWith("<") ? t : null;
}

export function parseErrorBody(text: string): GeminiErrorBody {
  const none: GeminiErrorBody = { message: null, status: null, reason: null, code: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...none, message: plainText(text) };
  }
  // Google answers some errors as a one-element array.
  const r = envelopeSchema.safeParse(Array.isArray(json) ? json[0] : json);
  if (!r.success) return none;
  const err = r.data.error;
  if (typeof err === "string") return { ...none, message: err };
  if (!err) return { ...none, message: r.data.message ?? null };
  const status = err.status ?? err.type ?? (typeof err.code === "string" ? err.code : null);
  const reason = err.details?.find((d) => d.reason)?.reason ?? null;
  return { message: err.message ?? null, status, reason, code: typeof err.code === "number" ? err.code : null };
}

const AUTH_REASONS = new Set(["API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_SERVICE_BLOCKED"]);
const QUOTA_WORDS = /exceeded your current quota|billing|insufficient|quota is not enough|余额|额度/i;

/**
 * Google reports a bad key as 400 INVALID_ARGUMENT with reason API_KEY_INVALID, and both rate limits
 * and spent quota as 429 RESOURCE_EXHAUSTED: the message tells them apart. 504/524 are the gateway
 * giving up on a slow upstream (the work may be billed, so nothing is retried).
 */
export function codeFor(status: number, body: GeminiErrorBody): UpstreamErrorCode {
  const s = body.status?.toUpperCase() ?? "";
  const msg = body.message ?? "";
  if ((body.reason && AUTH_REASONS.has(body.reason)) || s === "UNAUTHENTICATED" || status === 401)
    return "upstream_auth";
  if (status === 429 || s === "RESOURCE_EXHAUSTED")
    return QUOTA_WORDS.test(msg) ? "upstream_quota" : "upstream_rate_limited";
  if (status === 403 || s === "PERMISSION_DENIED") return QUOTA_WORDS.test(msg) ? "upstream_quota" : "upstream_auth";
  if (status === 408 || status === 504 || status === 524 || s === "DEADLINE_EXCEEDED") return "upstream_timeout";
  if (status >= 500 || s === "UNAVAILABLE" || s === "INTERNAL") return "upstream_unavailable";
  if (status >= 400) return "upstream_invalid_request";
  return "upstream_bad_response";
}

/** An answer that is an error: a non-2xx status, or a 2xx whose body is only an error envelope. */
export function httpError(status: number, headers: Headers, text: string, apiKey: string): UpstreamError {
  const body = parseErrorBody(text);
  // A 200 carrying an error envelope: Google's own code says what it was.
  const effective = status >= 200 && status < 300 && body.code ? body.code : status;
  const requestId = requestIdFrom(headers, null, body.message);
  const detail = body.message ? body.message.slice(0, MAX_MESSAGE) : "no error message";
  const tag = body.status ? ` [${body.status}${body.reason ? `/${body.reason}` : ""}]` : "";
  return new UpstreamError(
    codeFor(effective, body),
    redact(`Gemini upstream answered ${status}${tag}: ${detail}`, apiKey),
    {
      requestId: requestId === null ? null : redact(requestId, apiKey),
      httpStatus: status,
    },
  );
}
