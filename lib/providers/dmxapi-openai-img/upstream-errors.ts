import "server-only";
import type { UpstreamErrorCode } from "@/lib/errors";
import type { UpstreamErrorBody } from "../kit/error-body";
import { gatewayCode } from "../kit/gateway-dialect";

/**
 * OpenAI-img's error table (seed: no shared error meaning across providers). Envelope
 * `{error:{message,type,param,code}}` (docs/upstreams.md §D.1, §D.2); a new-api gateway's own codes are
 * read first (§J.3). 504 and 524 are the gateway giving up on a slow upstream: a timeout, not a
 * refusal; the work may have been billed, so like every other status it is not retried.
 */

const MODERATION_CODES = new Set(["moderation_blocked", "content_policy_violation"]);

export function errorCode(status: number, body: UpstreamErrorBody): UpstreamErrorCode {
  const gateway = gatewayCode(status, body);
  if (gateway) return gateway;
  const code = body.code ?? body.type;
  if (status === 401 || status === 403) return "upstream_auth";
  if (status === 429) return "upstream_rate_limited";
  if (status >= 400 && status < 500 && code && MODERATION_CODES.has(code)) return "upstream_moderation_blocked";
  if (status === 408 || status === 504 || status === 524) return "upstream_timeout";
  if (status >= 400 && status < 500) return "upstream_invalid_request";
  if (status >= 500) return "upstream_unavailable";
  return "upstream_bad_response";
}

export function errorTag(body: UpstreamErrorBody): string {
  const code = body.code ?? body.type;
  return code ? ` [${code}]` : "";
}
