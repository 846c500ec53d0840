import "server-only";
import { z } from "zod";

/**
 * One reader for every upstream's error body. The envelopes seen (docs/upstreams.md §D.1, §D.3, §G.3):
 * OpenAI and new-api `{error:{message,type,param,code}}`, Google `{error:{code:400,message,status,details}}`
 * (sometimes inside a one-element array), Ark `{error:{code:"InvalidParameter",message,param}}`, a bare
 * `{error:"…"}` or `{message:"…"}`, and plain text. What a code means is each provider's own table.
 */

const errorObject = z.looseObject({
  message: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  param: z.string().nullish(),
  details: z.array(z.looseObject({ reason: z.string().nullish() })).nullish(),
});

const envelopeSchema = z.looseObject({
  error: z.union([z.string(), errorObject]).optional(),
  message: z.string().optional(),
});

export interface UpstreamErrorBody {
  message: string | null;
  /** A string code (`insufficient_quota`, `InvalidParameter`, `model_not_found`). */
  code: string | null;
  /** OpenAI's / new-api's `type` (`invalid_request_error`, `new_api_error`). */
  type: string | null;
  /** Google's canonical status (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`). */
  status: string | null;
  param: string | null;
  /** `details[].reason` of a google.rpc.ErrorInfo, e.g. `API_KEY_INVALID`. */
  reason: string | null;
  /** A numeric `code` (Google puts its HTTP status there). */
  numericCode: number | null;
}

const NONE: UpstreamErrorBody = {
  message: null,
  code: null,
  type: null,
  status: null,
  param: null,
  reason: null,
  numericCode: null,
};

/** A short plain-text body says something ("Too Many Requests"); an HTML error page does not. */
function plainText(text: string): string | null {
  const t = text.trim();
  return t !== "" && t.length <= 200 && !t.startsWith("<") ? t : null;
}

export function readErrorBody(text: string): UpstreamErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...NONE, message: plainText(text) };
  }
  const r = envelopeSchema.safeParse(Array.isArray(json) ? json[0] : json);
  if (!r.success) return NONE;
  const err = r.data.error;
  if (typeof err === "string") return { ...NONE, message: err };
  if (!err) return { ...NONE, message: r.data.message ?? null };
  return {
    message: err.message ?? r.data.message ?? null,
    code: typeof err.code === "string" ? err.code : null,
    type: err.type ?? null,
    status: err.status ?? null,
    param: err.param ?? null,
    reason: err.details?.find((d) => d.reason)?.reason ?? null,
    numericCode: typeof err.code === "number" ? err.code : null,
  };
}
