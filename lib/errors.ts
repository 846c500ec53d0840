/**
 * The studio's error vocabulary (docs/api.md "Errors"), mapped to HTTP once, here.
 * Isomorphic: the UI reads the same codes.
 */

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  budget_exceeded: 402,
  forbidden: 403,
  param_not_supported: 400,
  operation_not_supported: 400,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  model_unavailable: 400,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes that end a generation (never an HTTP status of the studio). */
export const UPSTREAM_ERROR_CODES = [
  "upstream_auth",
  "upstream_rate_limited",
  "upstream_quota",
  "upstream_moderation_blocked",
  "upstream_invalid_request",
  "upstream_timeout",
  "upstream_unavailable",
  "upstream_bad_response",
  /** The gateway has no channel for this model for this key (new-api `model_not_found`): configuration, not an outage. */
  "upstream_model_unavailable",
  "interrupted",
] as const;

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

export interface Issue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

/** An expected failure with a code from the contract; anything else thrown is a bug (500). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const invalidRequest = (message: string, issues: Issue[] = []) =>
  new AppError("invalid_request", message, issues.length ? { issues } : {});

export const notFound = (what: string, id: string) => new AppError("not_found", `${what} '${id}' not found`, { id });

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError("conflict", message, details);

/** The error object stored on a failed generation (docs/api.md `Generation.error`). */
export interface GenerationError {
  code: UpstreamErrorCode | ErrorCode;
  message: string;
  /** The gateway's request id when there is one, else the vendor's. */
  requestId: string | null;
  httpStatus: number | null;
  /** The vendor's own request id, when a gateway stood between and it differs. */
  vendorRequestId?: string | null;
}

/** A failure talking to an upstream provider: ends a job, never becomes a studio HTTP status. */
export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;
  readonly requestId: string | null;
  readonly vendorRequestId: string | null;
  readonly httpStatus: number | null;
  /** True only when the upstream provably did no work (e.g. connection refused): safe to retry automatically. */
  readonly noWorkDone: boolean;

  constructor(
    code: UpstreamErrorCode,
    message: string,
    opts: {
      requestId?: string | null;
      vendorRequestId?: string | null;
      httpStatus?: number | null;
      noWorkDone?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "UpstreamError";
    this.code = code;
    this.requestId = opts.requestId ?? null;
    this.vendorRequestId = opts.vendorRequestId ?? null;
    this.httpStatus = opts.httpStatus ?? null;
    this.noWorkDone = opts.noWorkDone ?? false;
  }

  toGenerationError(): GenerationError {
    const vendor = this.vendorRequestId ? { vendorRequestId: this.vendorRequestId } : {};
    return {
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      httpStatus: this.httpStatus,
      ...vendor,
    };
  }
}
