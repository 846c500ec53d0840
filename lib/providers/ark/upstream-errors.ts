import "server-only";
import { z } from "zod";
import type { UpstreamErrorCode } from "@/lib/errors";
import { UpstreamError } from "@/lib/errors";

/**
 * Volcengine Ark error semantics, mapped on their own (seed: no shared error meaning across providers).
 * Envelope `{error:{code,message,param?,type}}` with string codes such as `InvalidParameter`,
 * `AuthenticationError`, `OutputImageSensitiveContentDetected` (docs/upstreams.md §G.3). The same codes
 * appear per image in `data[i].error`. Ark's messages often end in "Request id: <id>".
 */

const MAX_MESSAGE = 500;

/** Ark keys are opaque tokens (often UUIDs): the key itself, and any `Bearer …` echo, never leave. */
export function redact(text: string, apiKey: string): string {
  let out = apiKey.length >= 6 ? text.split(apiKey).join("[redacted]") : text;
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, "$1[redacted]");
  return out.replace(/\bsk-[A-Za-z0-9_-]{16,}/g, "sk-[redacted]");
}

export function requestIdFrom(headers: Headers, message?: string | null): string | null {
  const fromHeader = headers.get("x-request-id") ?? headers.get("x-tt-logid") ?? headers.get("x-oneapi-request-id");
  if (fromHeader) return fromHeader;
  const m = message ? /request id:\s*([A-Za-z0-9_-]+)/i.exec(message) : null;
  return m ? m[1] : null;
}

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

export function codeForStatus(status: number): UpstreamErrorCode {
  if (status === 401 || status === 403) return "upstream_auth";
  if (status === 429) return "upstream_rate_limited";
  if (status === 408 || status === 504 || status === 524) return "upstream_timeout";
  if (status >= 400 && status < 500) return "upstream_invalid_request";
  if (status >= 500) return "upstream_unavailable";
  return "upstream_bad_response";
}

const envelopeSchema = z.looseObject({
  error: z
    .union([
      z.string(),
      z.looseObject({
        code: z.union([z.string(), z.number()]).nullish(),
        message: z.string().nullish(),
        param: z.string().nullish(),
        type: z.string().nullish(),
      }),
    ])
    .optional(),
  message: z.string().optional(),
});

export interface ArkErrorBody {
  message: string | null;
  code: string | null;
  param: string | null;
}

function plainText(text: string): string | null {
  const t = text.trim();
  return t !== "" && t.length <= 200 && !t.startsWith("<") ? t : null;
}

export function parseErrorBody(text: string): ArkErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: plainText(text), code: null, param: null };
  }
  const r = envelopeSchema.safeParse(json);
  if (!r.success) return { message: null, code: null, param: null };
  const err = r.data.error;
  if (typeof err === "string") return { message: err, code: null, param: null };
  const code = err?.code ?? err?.type ?? null;
  return {
    message: err?.message ?? r.data.message ?? null,
    code: code === null ? null : String(code),
    param: err?.param ?? null,
  };
}

/** An answer that is an error: a non-2xx status, or a 2xx with only an error envelope. */
export function httpError(status: number, headers: Headers, text: string, apiKey: string): UpstreamError {
  const body = parseErrorBody(text);
  const requestId = requestIdFrom(headers, body.message);
  const detail = body.message ? body.message.slice(0, MAX_MESSAGE) : "no error message";
  const code = codeForArkCode(body.code) ?? codeForStatus(status);
  const tag = body.code ? ` [${body.code}${body.param ? ` ${body.param}` : ""}]` : "";
  return new UpstreamError(code, redact(`Ark upstream answered ${status}${tag}: ${detail}`, apiKey), {
    requestId: requestId === null ? null : redact(requestId, apiKey),
    httpStatus: status,
  });
}
