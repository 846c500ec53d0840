import "server-only";

/**
 * Shared by the provider modules (bytes only, no answer parsing). The stored mime type follows the
 * bytes, not the requested `output_format` (a gateway may transcode or ignore it).
 */

export { sniffImageMime, type ImageMime } from "@/lib/image-type";

const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes `b64_json`; some gateways prefix a data URL or wrap lines. Null when it is not base64
 * at all (Buffer would silently skip bad characters and hand back garbage).
 */
export function decodeBase64(text: string): Uint8Array | null {
  const body = text.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (body === "" || !BASE64_RE.test(body)) return null;
  return new Uint8Array(Buffer.from(body, body.includes("-") || body.includes("_") ? "base64url" : "base64"));
}
