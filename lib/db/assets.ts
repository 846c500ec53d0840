import "server-only";
import { db } from "./client";
import { assets } from "./schema";

/** Every storage key referenced by an asset row (hidden rows included: their files are still owned). */
export function allAssetStorageKeys(): Set<string> {
  const keys = new Set<string>();
  for (const a of db().select({ fileKey: assets.fileKey, thumbKey: assets.thumbKey }).from(assets).all()) {
    keys.add(a.fileKey);
    if (a.thumbKey) keys.add(a.thumbKey);
  }
  return keys;
}
