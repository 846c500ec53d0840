import { extensionOf } from "@/lib/contracts/mime";
/** Storage keys derive from ids only; this guard also keeps every path inside the store. */
const KEY_RE = /^(?:(?:assets|thumbs)\/ast_[0-9a-z]{20}|previews\/gen_[0-9a-z]{20}-[0-9])\.(?:png|jpg|webp)$/;

export function assertKey(key: string): void {
  if (!KEY_RE.test(key)) throw new Error("invalid storage key");
}

export const assetFileKey = (assetId: string, mimeType: string): string => `assets/${assetId}.${extensionOf(mimeType)}`;
export const assetThumbKey = (assetId: string): string => `thumbs/${assetId}.webp`;
/** A streamed partial image of a running job (a preview, never an asset). */
export const previewKey = (generationId: string, index: number, mimeType: string): string =>
  `previews/${generationId}-${index}.${extensionOf(mimeType)}`;
