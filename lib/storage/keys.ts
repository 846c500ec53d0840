/** Storage keys derive from ids only; this guard also keeps every path inside the store. */
const KEY_RE = /^(assets|thumbs)\/(ast)_[0-9a-z]{20}\.(png|jpg|webp)$/;

export function assertKey(key: string): void {
  if (!KEY_RE.test(key)) throw new Error("invalid storage key");
}

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

export const assetFileKey = (assetId: string, mimeType: string): string =>
  `assets/${assetId}.${EXT[mimeType] ?? "bin"}`;
export const assetThumbKey = (assetId: string): string => `thumbs/${assetId}.webp`;
