import "server-only";
import { randomBytes } from "node:crypto";

/** Which wire protocol a route speaks: decides the error envelope. */
export type Protocol = "openai" | "gemini" | "ark";

/**
 * The two ids of one answer (docs/upstreams.md §J.3): the gateway's own (`X-Oneapi-Request-Id`, the one its
 * support asks for) and the upstream's (`x-request-id`, which new-api copies downstream). They differ on
 * purpose, so a client that stores one where the other belongs is caught.
 */
export interface RequestIds {
  gateway: string;
  upstream: string;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** new-api's shape: local time to the second, the nanoseconds, then 8 random letters or digits. */
function gatewayId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const time = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const nanos = p(now.getUTCMilliseconds() * 1_000_000 + (randomBytes(3).readUIntBE(0, 3) % 1_000_000), 9);
  const tail = Array.from(randomBytes(8), (b) => ALNUM[b % ALNUM.length]).join("");
  return `${time}${nanos}${tail}`;
}

export function newRequestIds(now = new Date()): RequestIds {
  return { gateway: gatewayId(now), upstream: `req_${randomBytes(12).toString("hex")}` };
}

/**
 * An error answer. `error` is the inner object of the protocol's envelope (`{ error: {...} }`); when rendered
 * its message gets " (request id: …)" like new-api does (§D.3) — the gateway's id, except for errors of an
 * upstream reached directly (Ark), which name their own.
 */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly error: { message: string } & Record<string, unknown>,
    readonly headers: Record<string, string> = {},
    readonly idInMessage: keyof RequestIds = "gateway",
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
  // The studio calls Ark directly (no new-api in between): the message names Ark's own request id.
  return new SimError(status, param ? { code, message, param, type } : { code, message, type }, {}, "upstream");
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

/** The one place both ids go onto an answer: every route, success or error. */
export function idHeaders(ids: RequestIds, extra: Record<string, string> = {}): Headers {
  const h = new Headers(extra);
  h.set("x-request-id", ids.upstream);
  h.set("X-Oneapi-Request-Id", ids.gateway);
  return h;
}

export function jsonResponse(
  ids: RequestIds,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: idHeaders(ids, { "content-type": "application/json; charset=utf-8", ...headers }),
  });
}

export function errorResponse(ids: RequestIds, err: SimError): Response {
  const body = { error: { ...err.error, message: `${err.error.message} (request id: ${ids[err.idInMessage]})` } };
  return jsonResponse(ids, err.status, body, err.headers);
}

export function emptyResponse(ids: RequestIds, status = 204): Response {
  return new Response(null, { status, headers: idHeaders(ids) });
}

/** The 404 of each protocol for a path nobody serves. */
export function notFoundError(protocol: Protocol, method: string, path: string): SimError {
  const message = `Invalid URL (${method} ${path})`;
  if (protocol === "gemini") return googleError(404, message);
  if (protocol === "ark") return arkError(404, "NotFound", message);
  return openaiError(404, message, { code: "not_found" });
}
