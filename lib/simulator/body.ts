import "server-only";
import type { FilePart, ParsedBody } from "./context";
import { inspectImage } from "./image-input";

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

async function parseMultipart(req: Request): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch (e) {
    return {
      kind: "unparsable",
      contentType: "multipart",
      reason: e instanceof Error ? e.message : "bad multipart body",
    };
  }
  const fields: Record<string, string> = {};
  const files: FilePart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      fields[name] = value;
      continue;
    }
    const bytes = new Uint8Array(await value.arrayBuffer());
    files.push({ name, filename: value.name, type: value.type, bytes, info: await inspectImage(bytes) });
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
