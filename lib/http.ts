import "server-only";
import type { z } from "zod";
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

type Handler<C> = (req: Request, ctx: C) => Promise<Response> | Response;

/** Wrap a route handler so every failure answers the contract's error shape. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The JSON body, not yet validated (for bodies a use case checks itself); malformed JSON is `invalid_request`. */
export async function readJsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw invalidRequest("Body is not valid JSON");
  }
}

/** A JSON body that may be absent: an empty body is `undefined`, anything else must be JSON. */
export async function readOptionalJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest("Body is not valid JSON");
  }
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
