import "server-only";
import { randomBytes } from "node:crypto";

/** Which wire protocol a route speaks: decides the error envelope. */
export type Protocol = "openai" | "gemini" | "ark";

export function newRequestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

/**
 * An error answer. `error` is the inner object of the protocol's envelope (`{ error: {...} }`);
 * the request id suffix is appended to its message when rendered, like new-api does (§D.3).
 */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly error: { message: string } & Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
    this.name = "SimError";
  }
}

/** Thrown when the client went away; answered with 499 (nginx's "client closed request"). */
export class ClientAborted extends Error {
  constructor() {
    super("client closed request");
    this.name = "ClientAborted";
  }
}

type OpenAIErrorOpts = { type?: string; param?: string | null; code?: string | null; extra?: Record<string, unknown> };

/** OpenAI envelope: all four keys always present (§D.1). */
export function openaiError(status: number, message: string, opts: OpenAIErrorOpts = {}): SimError {
  return new SimError(status, {
    message,
    type: opts.type ?? "invalid_request_error",
    param: opts.param ?? null,
    code: opts.code ?? null,
    ...opts.extra,
  });
}

const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/** Google envelope `{error:{code,message,status}}` (§D.3). */
export function googleError(status: number, message: string): SimError {
  return new SimError(status, { code: status, message, status: GOOGLE_STATUS[status] ?? "UNKNOWN" });
}

/** Ark envelope `{error:{code,message,param?,type}}` (§G.3). */
export function arkError(status: number, code: string, message: string, param?: string): SimError {
  const type = ARK_TYPE[status] ?? "BadRequest";
  return new SimError(status, param ? { code, message, param, type } : { code, message, type });
}

const ARK_TYPE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  429: "TooManyRequests",
  500: "InternalServerError",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

export function idHeaders(id: string, extra: Record<string, string> = {}): Headers {
  const h = new Headers(extra);
  h.set("x-request-id", id);
  h.set("X-Oneapi-Request-Id", id);
  return h;
}

export function jsonResponse(
  id: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: idHeaders(id, { "content-type": "application/json; charset=utf-8", ...headers }),
  });
}

export function errorResponse(id: string, err: SimError): Response {
  const body = { error: { ...err.error, message: `${err.error.message} (request id: ${id})` } };
  return jsonResponse(id, err.status, body, err.headers);
}

export function emptyResponse(id: string, status = 204): Response {
  return new Response(null, { status, headers: idHeaders(id) });
}

/** The 404 of each protocol for a path nobody serves. */
export function notFoundError(protocol: Protocol, method: string, path: string): SimError {
  const message = `Invalid URL (${method} ${path})`;
  if (protocol === "gemini") return googleError(404, message);
  if (protocol === "ark") return arkError(404, "NotFound", message);
  return openaiError(404, message, { code: "not_found" });
}
