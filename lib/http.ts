import "server-only";
import type { z } from "zod";
import { authenticate, requirePermission, type Actor } from "@/lib/auth/principal";
import { checkSameOrigin } from "@/lib/auth/hosts";
import type { Permission } from "@/lib/contracts/access";
import { env } from "@/lib/env";
import { AppError, invalidRequest, notFound, type ErrorBody } from "@/lib/errors";
import { isId, type IdPrefix } from "@/lib/ids";
import { toIssues } from "@/lib/validation";

/** JSON answer with the contract's content type. */
export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(data, { status, headers });
}

export const noContent = (): Response => new Response(null, { status: 204 });

/** Map anything thrown to the error shape of docs/api.md. Unknown errors reveal nothing. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return json(err.toBody(), err.status);
  console.error("[atelier] unhandled error:", err instanceof Error ? (err.stack ?? err.message) : "unknown");
  const body: ErrorBody = { error: { code: "internal", message: "Internal error", details: {} } };
  return json(body, 500);
}

type PublicHandler<C> = (req: Request, ctx: C) => Promise<Response> | Response;
type Handler<C> = (req: Request, ctx: C, actor: Actor) => Promise<Response> | Response;

/** A route anyone may call (health, first-run setup, sign-in): every failure still answers the error shape. */
export function publicRoute<C>(handler: PublicHandler<C>): PublicHandler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * The handler of a method a route does not serve: 405 `method_not_allowed` with `Allow`, in the error shape
 * (Next.js alone answers an empty 405). Authenticated like the route's own methods, so a stranger still
 * learns nothing but 401; `public` for the public routes.
 */
export function methodNotAllowed(allow: string[], opts: { public?: boolean } = {}): PublicHandler<unknown> {
  return publicRoute(async (req) => {
    if (!opts.public) await authenticate(req);
    const message = `${req.method} is not allowed here; use ${allow.join(", ")}`;
    return json({ error: { code: "method_not_allowed", message, details: { allow } } }, 405, {
      allow: allow.join(", "),
    });
  });
}

/**
 * Wrap a route handler: authenticate (401), refuse cross-site cookie changes (403), check the role
 * (403), and map every failure to the contract's error shape. Default-deny: a route that says nothing
 * needs `read` for GET and `create` for anything else, so a new route can never be open to a viewer's
 * writes by omission; handlers ask for more (`manage`, `administer`, `requireModify`) themselves.
 */
export function route<C>(handler: Handler<C>, opts: { permission?: Permission } = {}): PublicHandler<C> {
  return publicRoute(async (req, ctx) => {
    const actor = await authenticate(req);
    if (actor.via === "session") checkSameOrigin(req);
    requirePermission(actor, opts.permission ?? (READ_METHODS.has(req.method) ? "read" : "create"));
    return handler(req, ctx, actor);
  });
}

/**
 * The body as text, read chunk by chunk and refused (413) as soon as it passes `max` bytes: a declared
 * Content-Length over the cap is refused before reading, a chunked body the moment it crosses it, so a
 * hostile client cannot make the server hold more than the cap.
 */
export async function readBoundedText(req: Request, max = env().MAX_JSON_BYTES): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${max} bytes`, { maxBytes: max });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > max) {
    await req.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest("Body is not valid JSON");
  }
}

/**
 * JSON routes take only `application/json` (or a `+json` type): a `text/plain` or form body is 415
 * before it is read — the content types a cross-site form can send without a preflight.
 */
function assertJsonType(req: Request, bodyIsEmpty: boolean): void {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "" ? bodyIsEmpty : type === "application/json" || type.endsWith("+json")) return;
  throw new AppError("unsupported_media_type", "The body must be application/json", { contentType: type || null });
}

/** The JSON body, not yet validated (for bodies a use case checks itself); malformed JSON is `invalid_request`. */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (req.headers.get("content-type")) assertJsonType(req, false);
  const text = await readBoundedText(req);
  assertJsonType(req, text.trim() === "");
  return parseJson(text);
}

/** A JSON body that may be absent: an empty body is `undefined`, anything else must be JSON. */
export async function readOptionalJsonBody(req: Request): Promise<unknown> {
  if (req.headers.get("content-type")) assertJsonType(req, false);
  const text = await readBoundedText(req);
  if (text.trim() === "") return undefined;
  assertJsonType(req, false);
  return parseJson(text);
}

/** Read and validate a JSON body; malformed JSON or a schema failure is `invalid_request`. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) throw invalidRequest("Request body failed validation", toIssues(parsed.error.issues));
  return parsed.data;
}

/** Validate query parameters against a schema. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw invalidRequest("Query failed validation", toIssues(parsed.error.issues));
  return parsed.data;
}

/** A path id of the wrong shape cannot exist: 404, like an unknown one. */
export function requireId(id: string, prefix: IdPrefix, what: string): string {
  if (!isId(id, prefix)) throw notFound(what, id);
  return id;
}

/** Read a multipart body; anything else is `invalid_request`. `maxBytes` bounds the declared length. */
export async function readForm(req: Request, maxBytes: number): Promise<FormData> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw invalidRequest("Body must be multipart/form-data");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    throw new AppError("payload_too_large", `Upload is larger than ${maxBytes} bytes`, { maxBytes });
  try {
    return await req.formData();
  } catch {
    throw invalidRequest("Body is not valid multipart/form-data");
  }
}
