import { ApiError } from "@/lib/client/api";
import { ERROR_STATUS, UPSTREAM_ERROR_CODES, type GenerationError } from "@/lib/errors";
import { hasMessage, type Translate } from "@/lib/i18n";

/**
 * One mapping for every failure a user sees: a studio answer (ApiError), a job's failure (Generation.error, also
 * of inpaint and AI cutout), or anything thrown. The title and the hint come from the catalogs (errors.<code>.*),
 * never from the server: the server's or the upstream's own words are `raw`, shown only behind a disclosure.
 */

/** Codes of the browser's own: no answer at all, and a failure that is not one of the contract's. */
export const CLIENT_ERROR_CODES = ["network", "unknown"] as const;

/** Every code a failure can carry (docs/api.md "Errors"), each with a title and a hint in both catalogs. */
export const ERROR_CODES = [
  ...(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]),
  ...UPSTREAM_ERROR_CODES,
  ...CLIENT_ERROR_CODES,
] as const;

export interface ErrorView {
  /** The contract's code; "unknown" for a failure that carries none (a bug in the browser, a foreign error). */
  code: string;
  /** What happened, translated. */
  title: string;
  /** What to do about it, translated. */
  hint: string;
  /** The gateway's (else the vendor's) request id of an upstream failure; a studio answer's when it names one. */
  requestId?: string;
  vendorRequestId?: string;
  httpStatus?: number;
  /** The server's or upstream's own text: for a disclosure, never for the headline. */
  raw?: string;
}

/** A Generation, or what of one is needed to describe its failure. */
interface FailedJob {
  error: GenerationError | null;
  message?: string;
  requestId?: string | null;
  vendorRequestId?: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && v > 0 ? v : undefined);

function isGenerationError(v: unknown): v is GenerationError {
  return typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string";
}

function isFailedJob(v: unknown): v is FailedJob {
  return typeof v === "object" && v !== null && "error" in v && (v.error === null || isGenerationError(v.error));
}

/** The title and hint of a code; a code the catalogs do not know (a newer server) reads as "unknown". */
function words(t: Translate, code: string): Pick<ErrorView, "title" | "hint"> {
  const known = hasMessage(`errors.${code}.title`) ? code : "unknown";
  // Keys built from data: hasMessage checked they exist.
  const title = `errors.${known}.title` as Parameters<Translate>[0];
  const hint = `errors.${known}.hint` as Parameters<Translate>[0];
  return { title: t(title), hint: t(hint) };
}

/** Drops the fields that are not there, so a view compares and serialises cleanly. */
function view(t: Translate, code: string, extra: Omit<ErrorView, "code" | "title" | "hint">): ErrorView {
  const out: ErrorView = { code, ...words(t, code) };
  if (extra.requestId) out.requestId = extra.requestId;
  if (extra.vendorRequestId && extra.vendorRequestId !== extra.requestId) out.vendorRequestId = extra.vendorRequestId;
  if (extra.httpStatus) out.httpStatus = extra.httpStatus;
  if (extra.raw) out.raw = extra.raw;
  return out;
}

export function describeError(t: Translate, input: unknown): ErrorView {
  if (input instanceof ApiError) {
    return view(t, input.code, {
      requestId: str(input.details.requestId) ?? str((input as { requestId?: unknown }).requestId),
      httpStatus: num(input.status),
      // "Network error" is the browser's own phrase, not the server's: nothing to disclose.
      raw: input.code === "network" ? undefined : str(input.message),
    });
  }
  if (isFailedJob(input)) {
    const e = input.error;
    return view(t, e?.code ?? "unknown", {
      requestId: str(e?.requestId) ?? str(input.requestId),
      vendorRequestId: str(e?.vendorRequestId) ?? str(input.vendorRequestId),
      httpStatus: num(e?.httpStatus),
      raw: str(e?.message) ?? str(input.message),
    });
  }
  if (isGenerationError(input)) {
    return view(t, input.code, {
      requestId: str(input.requestId),
      vendorRequestId: str(input.vendorRequestId),
      httpStatus: num(input.httpStatus),
      raw: str(input.message),
    });
  }
  return view(t, "unknown", {});
}

/** A failure as one string, for the few places that hold text only (form alerts): title and hint, no raw text. */
export function describeErrorText(t: Translate, input: unknown): string {
  const v = describeError(t, input);
  return t("errors.sentence", { title: v.title, hint: v.hint });
}
