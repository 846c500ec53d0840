import "server-only";
import type { UpstreamErrorCode } from "@/lib/errors";
import type { UpstreamErrorBody } from "../kit/error-body";
import { gatewayCode } from "../kit/gateway-dialect";

/**
 * Gemini-native's error table (seed: no shared error meaning across providers). Google's envelope is
 * `{error:{code,message,status,details?}}` (docs/upstreams.md §D.3); DMXAPI itself may answer in the
 * new-api envelope, whose own codes are read first (§J.3).
 *
 * Google reports a bad key as 400 INVALID_ARGUMENT with reason API_KEY_INVALID, and both rate limits
 * and spent quota as 429 RESOURCE_EXHAUSTED: the message tells them apart. 504/524 are the gateway
 * giving up on a slow upstream (the work may be billed, so nothing is retried).
 */

const AUTH_REASONS = new Set(["API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_SERVICE_BLOCKED"]);
const QUOTA_WORDS = /exceeded your current quota|billing|insufficient|quota is not enough|余额|额度/i;

/** Google's canonical status, or a gateway's code standing in for it. */
const statusOf = (body: UpstreamErrorBody) => (body.status ?? body.type ?? body.code ?? "").toUpperCase();

export function errorCode(status: number, body: UpstreamErrorBody): UpstreamErrorCode {
  const gateway = gatewayCode(status, body);
  if (gateway) return gateway;
  const s = statusOf(body);
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

export function errorTag(body: UpstreamErrorBody): string {
  const s = body.status ?? body.type ?? body.code;
  return s ? ` [${s}${body.reason ? `/${body.reason}` : ""}]` : "";
}

/** A 200 carrying an error envelope: Google's own code says what it was. */
export function errorStatus(status: number, body: UpstreamErrorBody): number {
  return status >= 200 && status < 300 && body.numericCode ? body.numericCode : status;
}
