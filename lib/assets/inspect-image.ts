import "server-only";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";

export type ImageMime = "image/png" | "image/jpeg" | "image/webp";

/** The format by magic bytes — never by name or declared type. */
export function sniffImage(b: Uint8Array): ImageMime | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "image/webp";
  return null;
}

export interface ImageInfo {
  mimeType: ImageMime;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * Check an image by content: PNG/JPEG/WebP magic, a header sharp can read, and a pixel count under the
 * cap (read from the header, before any decoding, so a decompression bomb costs nothing).
 */
export async function inspectImage(bytes: Uint8Array, maxPixels: number, label = "file"): Promise<ImageInfo> {
  const mimeType = sniffImage(bytes);
  if (!mimeType) throw new AppError("unsupported_media_type", `${label} is not a PNG, JPEG or WebP image`, { file: label });
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError("unsupported_media_type", `${label} is not a readable image`, { file: label });
  }
  const { width, height } = meta;
  if (!width || !height) throw new AppError("unsupported_media_type", `${label} has no dimensions`, { file: label });
  if (width * height > maxPixels) {
    throw new AppError("payload_too_large", `${label} is ${width}×${height} pixels; the limit is ${maxPixels} pixels`, { file: label, maxPixels });
  }
  return { mimeType, width, height, hasAlpha: Boolean(meta.hasAlpha) };
}
