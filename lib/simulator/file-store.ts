import "server-only";
import { randomBytes } from "node:crypto";
import { Lru } from "./lru";

export type ImageExt = "png" | "jpeg" | "webp";

const MIME: Record<ImageExt, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

interface StoredFile {
  bytes: Uint8Array;
  ext: ImageExt;
}

/**
 * Images the simulator answered with as URLs (dall-e `response_format=url`, Ark's default).
 * In memory and bounded, like an expiring CDN link: once evicted, the URL is a 404.
 */
export class FileStore {
  private readonly lru = new Lru<StoredFile>(200, 300 * 1024 * 1024, (f) => f.bytes.byteLength);

  /** Stores the bytes and returns the absolute URL under `base` (request origin + mount). */
  put(base: string, bytes: Uint8Array, ext: ImageExt): string {
    const id = `file_${randomBytes(10).toString("hex")}`;
    this.lru.set(id, { bytes, ext });
    return `${base}/files/${id}.${ext}`;
  }

  /** `name` is the last path segment, e.g. "file_ab12.png". */
  get(name: string): { bytes: Uint8Array; type: string } | null {
    const m = /^(file_[0-9a-f]+)\.(png|jpeg|webp)$/.exec(name);
    if (!m) return null;
    const f = this.lru.get(m[1]);
    if (!f || f.ext !== m[2]) return null;
    return { bytes: f.bytes, type: MIME[f.ext] };
  }

  /** Resolves one of our own URLs back to its bytes (Ark accepts image URLs; we cannot fetch others offline). */
  resolveUrl(base: string, url: string): Uint8Array | null {
    const prefix = `${base}/files/`;
    if (!url.startsWith(prefix)) return null;
    return this.get(url.slice(prefix.length))?.bytes ?? null;
  }

  clear(): void {
    this.lru.clear();
  }
}
