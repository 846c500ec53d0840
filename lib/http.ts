import "server-only";
import { once } from "node:events";
import type { Readable } from "node:stream";
import busboy, { type Busboy } from "busboy";
import type { z } from "zod";
import { authenticate, requirePermission, type Actor } from "@/lib/auth/principal";
import { checkSameOrigin } from "@/lib/auth/hosts";
import type { Permission } from "@/lib/contracts/access";
import { env } from "@/lib/env";
import { AppError, invalidRequest, notFound, type ErrorBody } from "@/lib/errors";
import { isId, type IdPrefix } from "@/lib/ids";
import { toIssues } from "@/lib/validation";

/** JSON answer with the contract's content type. */
/** A value with no promise anywhere in it: an un-awaited query in an answer is a type error, not `{}`. */
type Settled<T> =
  T extends PromiseLike<unknown>
    ? never
    : T extends (infer U)[]
      ? Settled<U>[]
      : T extends object
        ? { [K in keyof T]: Settled<T[K]> }
        : T;

export function json<T>(data: T & Settled<T>, status = 200, headers: HeadersInit = {}): Response {
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

export interface MultipartLimits {
  /** Bytes of one file part's content. */
  fileBytes: number;
  /** Bytes of the whole body as sent (part headers and boundaries included). */
  requestBytes: number;
  /** File parts, whatever their field name. */
  files: number;
  /** Non-file fields. */
  fields: number;
  /** Bytes of one non-file field's value. */
  fieldBytes: number;
}

export interface MultipartFilePart {
  /** The part's field name (`file`). */
  field: string;
  /** As sent, base name only: for messages, never for paths. */
  filename: string;
  /** As declared by the client: not to be trusted. */
  mimeType: string;
  /** Position among the file parts, from 0. */
  index: number;
  /** The bytes. Consume it (or `resume()` it) or the body stops; it errors when the read is refused. */
  stream: Readable;
}

export interface Multipart<T> {
  /** Non-file fields, every value of each name in order. */
  fields: Map<string, string[]>;
  /** What `onFile` answered for each file part, in order. */
  files: T[];
  /** Bytes of the body read. */
  bytes: number;
}

const tooLargeError = (message: string, details: Record<string, unknown>) =>
  new AppError("payload_too_large", message, details);

/**
 * Stream a multipart body through busboy, handing each file part to `onFile` as it arrives (to spill it
 * to disk: nothing here holds a file in memory). Every limit is checked while the body streams: the
 * moment one passes — a file over `fileBytes`, the body over `requestBytes` (a declared Content-Length
 * over it is refused unread), one file or field too many, a field too long — the body is cancelled, the
 * parser and the current part's stream are destroyed, the `onFile` calls are waited for (so callers can
 * clean up what they wrote) and 413 `payload_too_large` is thrown. A body that is not multipart, or is
 * malformed or cut short, is 400 `invalid_request`; an `onFile` failure is rethrown as it is.
 */
export async function readMultipart<T>(
  req: Request,
  limits: MultipartLimits,
  onFile: (part: MultipartFilePart) => Promise<T>,
): Promise<Multipart<T>> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    await req.body?.cancel().catch(() => undefined);
    throw invalidRequest("Body must be multipart/form-data");
  }
  const malformed = () => invalidRequest("Body is not valid multipart/form-data");
  const bodyTooLarge = () =>
    tooLargeError(`The upload is larger than ${limits.requestBytes} bytes`, { maxBytes: limits.requestBytes });
  if (Number(req.headers.get("content-length") ?? NaN) > limits.requestBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw bodyTooLarge();
  }
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // busboy reports a limit when a part *reaches* it; one more byte makes "exactly the cap" pass.
      limits: {
        fileSize: limits.fileBytes + 1,
        files: limits.files,
        fields: limits.fields,
        fieldSize: limits.fieldBytes + 1,
      },
    });
  } catch {
    await req.body?.cancel().catch(() => undefined);
    throw malformed(); // no boundary, or not a type busboy reads
  }

  let failure: { error: unknown } | null = null;
  // The waits of the read below, each cut short by a failure. Not `Promise.race([wait, failed])` with one `failed`
  // that stays pending: every race would leave a reaction on it holding what its wait gave — each chunk read,
  // i.e. the whole body until the read ends. Here a wait's reaction is on the wait itself, gone once it settles.
  const waiting = new Set<(err: unknown) => void>();
  const unlessFailed = <V>(wait: Promise<V>): Promise<V> =>
    new Promise<V>((resolve, reject) => {
      if (failure) reject(failure.error);
      else waiting.add(reject);
      // Handled even once cut short (a read or 'drain' settling later rejects nothing unhandled).
      wait.then(resolve, reject).finally(() => waiting.delete(reject));
    });
  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    for (const reject of waiting) reject(error);
    waiting.clear();
    // Not from inside busboy's own callbacks (a 'limit' listener runs mid-write): on the next tick.
    process.nextTick(() => parser.destroy(error instanceof Error ? error : new Error("multipart read refused")));
  };

  const fields = new Map<string, string[]>();
  const pending: Promise<T>[] = [];
  parser.on("file", (field, stream, info) => {
    const index = pending.length;
    const label = info.filename || `file ${index + 1}`;
    // Its consumer may not listen yet when a refusal destroys it; the consumer still sees the error.
    stream.on("error", () => undefined);
    stream.on("limit", () =>
      fail(
        tooLargeError(`${label} is larger than ${limits.fileBytes} bytes`, { file: label, maxBytes: limits.fileBytes }),
      ),
    );
    if (failure) {
      stream.resume();
      return;
    }
    const p = onFile({ field, filename: info.filename ?? "", mimeType: info.mimeType, index, stream });
    p.catch(fail);
    pending.push(p);
  });
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated)
      return fail(
        tooLargeError(`Field '${name}' is longer than ${limits.fieldBytes} bytes`, {
          field: name,
          maxBytes: limits.fieldBytes,
        }),
      );
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  });
  parser.on("filesLimit", () =>
    fail(tooLargeError(`At most ${limits.files} files per upload`, { maxFiles: limits.files })),
  );
  parser.on("fieldsLimit", () =>
    fail(tooLargeError(`At most ${limits.fields} fields per upload`, { maxFields: limits.fields })),
  );
  parser.on("error", () => fail(malformed()));
  const finished = new Promise<void>((resolve) => parser.on("finish", resolve));

  const reader = req.body?.getReader();
  let bytes = 0;
  try {
    if (reader) {
      // A refusal from inside a write (a limit) stops the loop before it pulls another chunk.
      while (!failure) {
        const next = await unlessFailed(
          reader.read().catch(() => {
            throw invalidRequest("The upload was cut short");
          }),
        );
        if (next.done) break;
        bytes += next.value.byteLength;
        if (bytes > limits.requestBytes) throw bodyTooLarge();
        if (!parser.write(next.value)) await unlessFailed(once(parser, "drain"));
      }
    }
    throwIfFailed();
    parser.end();
    await unlessFailed(finished);
    const files = await unlessFailed(Promise.all(pending));
    return { fields, files, bytes };
  } catch (err) {
    fail(err);
    throw failure!.error;
  } finally {
    if (failure) {
      await reader?.cancel().catch(() => undefined);
      await Promise.allSettled(pending);
    }
  }
}
