import "server-only";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";
import { sniffImageMime, type ImageMime } from "@/lib/image-type";

export type { ImageMime };

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
export async function inspectImage(
  bytes: Uint8Array,
  maxPixels: number,
  label = "file",
  /** Already sniffed by whoever received the bytes (a provider): not sniffed again. */
  known?: ImageMime,
): Promise<ImageInfo> {
  const mimeType = known ?? sniffImageMime(bytes);
  if (!mimeType)
    throw new AppError("unsupported_media_type", `${label} is not a PNG, JPEG or WebP image`, { file: label });
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError("unsupported_media_type", `${label} is not a readable image`, { file: label });
  }
  const { width, height } = meta;
  if (!width || !height) throw new AppError("unsupported_media_type", `${label} has no dimensions`, { file: label });
  if (width * height > maxPixels) {
    throw new AppError("payload_too_large", `${label} is ${width}×${height} pixels; the limit is ${maxPixels} pixels`, {
      file: label,
      maxPixels,
    });
  }
  return { mimeType, width, height, hasAlpha: Boolean(meta.hasAlpha) };
}
