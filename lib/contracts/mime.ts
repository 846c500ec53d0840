/**
 * The one map between the image types the studio stores and their file extensions. Isomorphic.
 * Types come from the bytes (lib/image-type.ts), never from a file name.
 */
export const IMAGE_MIME_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];

export const EXTENSION: Record<ImageMime, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

export const isImageMime = (v: string): v is ImageMime => (IMAGE_MIME_TYPES as readonly string[]).includes(v);

/** `ast_x.png` for a stored type; `bin` for anything else (never guessed from a name). */
export function extensionOf(mimeType: string): string {
  return isImageMime(mimeType) ? EXTENSION[mimeType] : "bin";
}
