import "server-only";
import { once } from "node:events";
import busboy, { type Busboy } from "busboy";
import type { FilePart, ParsedBody } from "./context";
import { inspectImage } from "./image-input";

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

const MB = 1024 * 1024;

/**
 * The most of one multipart file part the simulator reads: gpt-image takes inputs under 50 MB, every other
 * multipart model less (§B.2), so a part that reaches this is refused whatever follows, and is not read further.
 */
export const MAX_PART_BYTES = 50 * MB;
/** Text fields: a prompt is at most 32,000 characters; a longer value is cut here and then refused as too long. */
const MAX_FIELD_BYTES = 1 * MB;

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : "bad multipart body");

/**
 * Reads what is left of a refused body and drops it. Cancelling instead would make the node:http bridge destroy
 * the socket, and the client would get a reset instead of the 400. A body cut short just ends the drain.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array> | undefined): Promise<void> {
  try {
    while (reader && !(await reader.read()).done);
  } catch {
    // the client went away: nothing more to read
  }
}

/**
 * Streams the body through busboy instead of buffering it (an edit may carry 16 inputs of ~50 MB): each file
 * part is collected, inspected by content, and let go, except the two an answer is drawn from (the first image
 * and the first mask). A part reaching MAX_PART_BYTES is cut there (busboy's `fileSize` limit) and marked.
 */
async function parseMultipart(req: Request): Promise<ParsedBody> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      defParamCharset: "utf8",
      limits: { fileSize: MAX_PART_BYTES, fieldSize: MAX_FIELD_BYTES },
    });
  } catch (e) {
    await drain(req.body?.getReader());
    return { kind: "unparsable", contentType: "multipart", reason: reasonOf(e) };
  }
  const fields: Record<string, string> = {};
  const files: FilePart[] = [];
  const inspected: Promise<void>[] = [];
  let keptImage = false;
  let keptMask = false;
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    const part: FilePart = {
      name,
      filename: info.filename ?? "",
      type: info.mimeType,
      size: 0,
      truncated: false,
      bytes: null,
      info: null,
    };
    files.push(part);
    const keep = name === "mask" ? !keptMask : !keptImage;
    if (name === "mask") keptMask = true;
    else keptImage = true;
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      part.size += chunk.length;
      chunks.push(chunk);
    });
    stream.on("limit", () => (part.truncated = true));
    const done = new Promise<void>((resolve, reject) => {
      stream.on("error", reject);
      stream.once("end", () => {
        const bytes = Buffer.concat(chunks);
        chunks.length = 0;
        inspectImage(bytes).then((found) => {
          part.info = found;
          if (keep && !part.truncated) part.bytes = bytes;
          resolve();
        }, reject);
      });
    });
    done.catch(() => undefined); // awaited below; a part cut short must not be an unhandled rejection meanwhile
    inspected.push(done);
  });
  // Never `Promise.race` a read against a promise that stays pending: each race leaves a reaction on it that
  // holds its chunk, i.e. the whole body.
  let failure: unknown = null;
  parser.on("error", (e) => (failure ??= e));
  const settled = new Promise<void>((resolve) => {
    parser.once("finish", resolve);
    parser.on("error", () => resolve());
  });
  const reader = req.body?.getReader();
  try {
    if (reader) {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (failure) continue; // refused: the rest is read and dropped, so that the answer still goes out
        // 'drain' never comes after an error, which makes `once` reject: the loop then drops the rest.
        if (!parser.write(next.value) && !failure) await once(parser, "drain").catch(() => undefined);
      }
    }
    if (!failure) {
      parser.end();
      await settled;
    }
    if (failure) throw failure;
    await Promise.all(inspected);
  } catch (e) {
    parser.destroy();
    await drain(reader);
    await Promise.allSettled(inspected);
    return { kind: "unparsable", contentType: "multipart", reason: reasonOf(failure ?? e) };
  }
  return { kind: "multipart", fields, files };
}

/**
 * Reads the body once, up front: faults match on the model inside it and the recorder keeps it.
 * A body that does not parse is kept as "unparsable" so auth and faults still answer first.
 */
export async function parseBody(req: Request): Promise<ParsedBody> {
  if (req.method === "GET" || req.method === "HEAD") return { kind: "empty" };
  const type = mediaType(req);
  if (type === "multipart/form-data") return parseMultipart(req);
  const text = await req.text();
  if (text.trim() === "") return { kind: "empty" };
  try {
    // Lenient on the declared type (new-api binds JSON whatever it says); strict on the content.
    return { kind: "json", json: JSON.parse(text) };
  } catch {
    return { kind: "unparsable", contentType: type || "none", reason: "not valid JSON" };
  }
}

/** The model a request is for, from the body (OpenAI, Ark) — the Gemini route takes it from the path. */
export function modelOf(body: ParsedBody): string | undefined {
  if (body.kind === "multipart") return body.fields.model;
  if (body.kind === "json" && body.json && typeof body.json === "object") {
    const m = (body.json as Record<string, unknown>).model;
    return typeof m === "string" ? m : undefined;
  }
  return undefined;
}
