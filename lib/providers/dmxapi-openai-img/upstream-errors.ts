import "server-only";
import { z } from "zod";
import type { UpstreamErrorCode } from "@/lib/errors";
import { UpstreamError } from "@/lib/errors";

/**
 * OpenAI-img error semantics, mapped on their own (seed: no shared error meaning across providers).
 * Envelope `{error:{message,type,param,code}}` (docs/upstreams.md §D.1); new-api gateways append
 * "(request id: …)" to the message and send X-Oneapi-Request-Id (§D.3).
 */

const MAX_MESSAGE = 500;

/** Never let the key out, also in the forms a gateway might echo (new-api strips the `sk-` prefix). */
export function redact(text: string, apiKey: string): string {
  let out = text;
  const forms = [apiKey, apiKey.replace(/^sk-/, "")].filter((k) => k.length >= 6);
  for (const k of forms) out = out.split(k).join("[redacted]");
  return out.replace(/\bsk-[A-Za-z0-9_-]{16,}/g, "sk-[redacted]");
}

export function requestIdFrom(headers: Headers, message?: string | null): string | null {
  const fromHeader = headers.get("x-request-id") ?? headers.get("x-oneapi-request-id");
  if (fromHeader) return fromHeader;
  const m = message ? /\(request id: ([^)\s]+)\)/i.exec(message) : null;
  return m ? m[1] : null;
}

const envelopeSchema = z.looseObject({
  error: z
    .union([
      z.string(),
      z.looseObject({
        message: z.string().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
        type: z.string().nullish(),
      }),
    ])
    .optional(),
  message: z.string().optional(),
});

export interface UpstreamErrorBody {
  message: string | null;
  code: string | null;
}

/** A short plain-text body says something ("Too Many Requests"); an HTML error page does not. */
function plainText(text: string): string | null {
  const t = text.trim();
  return t !== "" && t.length <= 200 && !t.startsWith("<") ? t : null;
}

export function parseErrorBody(text: string): UpstreamErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: plainText(text), code: null };
  }
  const r = envelopeSchema.safeParse(json);
  if (!r.success) return { message: null, code: null };
  const err = r.data.error;
  if (typeof err === "string") return { message: err, code: null };
  const code = err?.code ?? err?.type ?? null;
  return { message: err?.message ?? r.data.message ?? null, code: code === null ? null : String(code) };
}

const MODERATION_CODES = new Set(["moderation_blocked", "content_policy_violation"]);

/**
 * 504 and 524 are the gateway giving up on a slow upstream: a timeout, not a refusal. The
 * upstream may have done (and billed) the work, so like every other status it is not retried.
 */
export function codeForStatus(status: number, upstreamCode: string | null): UpstreamErrorCode {
  if ((status === 429 || status === 403) && upstreamCode === "insufficient_quota") return "upstream_quota";
  if (status === 401 || status === 403) return "upstream_auth";
  if (status === 429) return "upstream_rate_limited";
  if (status >= 400 && status < 500 && upstreamCode && MODERATION_CODES.has(upstreamCode))
    return "upstream_moderation_blocked";
  if (status === 408 || status === 504 || status === 524) return "upstream_timeout";
  if (status >= 400 && status < 500) return "upstream_invalid_request";
  if (status >= 500) return "upstream_unavailable";
  return "upstream_bad_response";
}

export function httpError(status: number, headers: Headers, text: string, apiKey: string): UpstreamError {
  const body = parseErrorBody(text);
  const requestId = requestIdFrom(headers, body.message);
  const detail = body.message ? body.message.slice(0, MAX_MESSAGE) : "no error message";
  const code = codeForStatus(status, body.code);
  const tag = body.code ? ` [${body.code}]` : "";
  return new UpstreamError(code, redact(`OpenAI-img upstream answered ${status}${tag}: ${detail}`, apiKey), {
    requestId: requestId === null ? null : redact(requestId, apiKey),
    httpStatus: status,
  });
}
