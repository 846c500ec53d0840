import "server-only";
import sharp from "sharp";

export interface ImageInfo {
  /** sharp's format name ("png", "jpeg", "webp", "gif", "tiff", "heif", …) or "bmp". */
  format: string;
  width: number;
  height: number;
  hasAlpha: boolean;
  bytes: number;
}

/** Reads an image's header by content (never by file name or declared type); null when it is not an image. */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo | null> {
  // libvips has no BMP loader, yet Ark accepts BMP references: read its header by hand.
  if (bytes.length > 26 && bytes[0] === 0x42 && bytes[1] === 0x4d) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      format: "bmp",
      width: view.readInt32LE(18),
      height: Math.abs(view.readInt32LE(22)),
      hasAlpha: false,
      bytes: bytes.length,
    };
  }
  try {
    const m = await sharp(bytes).metadata();
    if (!m.format || !m.width || !m.height || m.format === "svg") return null;
    return { format: m.format, width: m.width, height: m.height, hasAlpha: m.hasAlpha, bytes: bytes.length };
  } catch {
    return null;
  }
}

const B64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Strict base64 (standard or URL-safe): Node's decoder silently skips garbage, real upstreams do not. */
export function decodeBase64(data: string): Buffer | null {
  const clean = data.replace(/\s+/g, "");
  if (clean.length === 0 || !B64.test(clean)) return null;
  return Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** Parses `data:image/<fmt>;base64,<data>`; null when malformed. */
export function parseDataUrl(url: string): { mime: string; bytes: Buffer } | null {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/s.exec(url);
  if (!m) return null;
  const bytes = decodeBase64(m[2]);
  return bytes ? { mime: m[1], bytes } : null;
}

/** Cuts a base64 image mid-way so it no longer decodes (the `truncated_base64` fault). */
export function truncateBase64(b64: string): string {
  const cut = Math.max(8, Math.floor(b64.length * 0.4));
  return b64.slice(0, cut - (cut % 4) + 3);
}
