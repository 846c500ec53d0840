import "server-only";
import { AppError } from "@/lib/errors";
import type { ProviderImageInput } from "./types";

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

/** The byte size of an input image, without reading it. */
export function inputSize(img: ProviderImageInput): number {
  return img.blob ? img.blob.size : img.bytes.byteLength;
}

/**
 * The input as a multipart part: a given Blob as it is, unread (a file-backed one streams from disk while the
 * request is sent), typed as the input says; bytes are wrapped (one copy, as before Blobs were passed).
 */
export function inputBlob(img: ProviderImageInput): Blob {
  if (!img.blob) return new Blob([img.bytes as Uint8Array<ArrayBuffer>], { type: img.mimeType });
  return img.blob.type === img.mimeType ? img.blob : img.blob.slice(0, img.blob.size, img.mimeType);
}

/** An input image that could not be read any more: its file went away (or changed) after the job started. */
export function unreadableInput(what: string, cause?: unknown): AppError {
  const err = new AppError(
    "invalid_request",
    `${what} could not be read: its file was deleted or replaced while the job ran`,
  );
  return Object.assign(err, { cause });
}

/** Node reports a Blob whose file changed or went away as a `NotReadableError` (DOMException); fetch wraps it. */
export function isUnreadableBlobError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4) return false;
  if ((e as { name?: unknown }).name === "NotReadableError") return true;
  return isUnreadableBlobError((e as { cause?: unknown }).cause, depth + 1);
}

/**
 * The input's bytes, for formats that inline them (base64 in JSON). A Blob is read now, whole: the caller holds
 * the bytes only as long as it needs them, and the job runner has counted them in MAX_INFLIGHT_INPUT_BYTES.
 */
export async function inputBytes(img: ProviderImageInput, position: number): Promise<Uint8Array> {
  if (!img.blob) return img.bytes;
  try {
    return new Uint8Array(await img.blob.arrayBuffer());
  } catch (e) {
    if (isUnreadableBlobError(e)) throw unreadableInput(`Input image ${position + 1} (${img.filename})`, e);
    throw e;
  }
}
