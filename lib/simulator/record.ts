import "server-only";
import type { ParsedBody } from "./context";
import type { RequestIds } from "./http";
import type { RecordedRequest } from "./types";

const REDACTED = "<redacted>";
const SECRET_HEADERS = ["authorization", "x-goog-api-key", "x-api-key", "cookie"];

/** Keeps base64 payloads from filling memory while leaving their prefix (e.g. "data:image/png;base64,") visible. */
function elide(v: unknown): unknown {
  if (typeof v === "string") return v.length > 1024 ? `${v.slice(0, 64)}…[${v.length} chars]` : v;
  if (Array.isArray(v)) return v.map(elide);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, elide(x)]));
  return v;
}

function contentTypeOf(req: Request, body: ParsedBody): string {
  if (body.kind === "json") return "json";
  if (body.kind === "multipart") return "multipart";
  if (body.kind === "unparsable") return body.contentType;
  return (req.headers.get("content-type") ?? "none").split(";")[0].trim() || "none";
}

export function recordRequest(
  ids: RequestIds,
  req: Request,
  url: URL,
  path: string,
  body: ParsedBody,
  authScheme: RecordedRequest["authScheme"],
): RecordedRequest {
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    headers[name] = SECRET_HEADERS.includes(name) ? REDACTED : value;
  });
  const query = Object.fromEntries(url.searchParams);
  if ("key" in query) query.key = REDACTED;
  const rec: RecordedRequest = {
    id: ids.upstream,
    gatewayId: ids.gateway,
    method: req.method,
    path,
    query,
    headers,
    authScheme,
    contentType: contentTypeOf(req, body),
    status: 0,
  };
  if (body.kind === "json") rec.json = elide(body.json);
  if (body.kind === "multipart") {
    rec.fields = { ...body.fields };
    rec.files = body.files.map((f) => ({
      name: f.name,
      filename: f.filename,
      type: f.type,
      bytes: f.size,
      ...(f.info ? { width: f.info.width, height: f.info.height } : {}),
    }));
  }
  return rec;
}
