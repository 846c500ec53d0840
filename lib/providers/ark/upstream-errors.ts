import "server-only";
import type { UpstreamErrorCode } from "@/lib/errors";
import type { UpstreamErrorBody } from "../kit/error-body";

/**
 * Volcengine Ark's error table (seed: no shared error meaning across providers). Envelope
 * `{error:{code,message,param?,type}}` with string codes such as `InvalidParameter`,
 * `AuthenticationError`, `OutputImageSensitiveContentDetected` (docs/upstreams.md §G.3). The same codes
 * appear per image in `data[i].error`. Ark's messages often end in "Request id: <id>".
 */

/** Ark's error codes by family; checked before the HTTP status, which is shared by several families. */
const BY_CODE: [RegExp, UpstreamErrorCode][] = [
  [/SensitiveContentDetected|RiskDetection|ContentSecurity/i, "upstream_moderation_blocked"],
  [/^(AuthenticationError|InvalidAccountStatus|Unauthorized)/i, "upstream_auth"],
  [/^(AccountOverdueError|QuotaExceeded|SetLimitExceeded|InsufficientBalance)/i, "upstream_quota"],
  [/^RateLimitExceeded/i, "upstream_rate_limited"],
  [/^(ServerOverloaded|InternalServiceError|ServiceUnavailable)/i, "upstream_unavailable"],
  [/^(RequestTimeout|Timeout)/i, "upstream_timeout"],
  [
    /^(InvalidParameter|MissingParameter|InvalidEndpointOrModel|ModelNotOpen|InvalidImageURL|InvalidArgument)/i,
    "upstream_invalid_request",
  ],
];

export function codeForArkCode(code: string | null): UpstreamErrorCode | null {
  if (!code) return null;
  return BY_CODE.find(([re]) => re.test(code))?.[1] ?? null;
}

function codeForStatus(status: number): UpstreamErrorCode {
  if (status === 401 || status === 403) return "upstream_auth";
  if (status === 429) return "upstream_rate_limited";
  if (status === 408 || status === 504 || status === 524) return "upstream_timeout";
  if (status >= 400 && status < 500) return "upstream_invalid_request";
  if (status >= 500) return "upstream_unavailable";
  return "upstream_bad_response";
}

export function errorCode(status: number, body: UpstreamErrorBody): UpstreamErrorCode {
  return codeForArkCode(body.code ?? body.type) ?? codeForStatus(status);
}

export function errorTag(body: UpstreamErrorBody): string {
  const code = body.code ?? body.type;
  return code ? ` [${code}${body.param ? ` ${body.param}` : ""}]` : "";
}
