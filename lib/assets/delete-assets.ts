import "server-only";
import { hideAssets, purgeAssets, type AssetRow } from "@/lib/db/assets";
import { notFound } from "@/lib/errors";
import { storage } from "@/lib/storage";

/** Most ids one bulk request may name; the UI batches larger selections. */
export const BULK_DELETE_MAX = 1000;

/**
 * Delete assets: rows hidden in one transaction first (every route answers 404 from then on), files
 * removed after the commit, rows purged last. A crash in between leaves hidden rows that boot finishes.
 */
export async function removeHiddenAssets(rows: AssetRow[]): Promise<void> {
  const store = storage();
  const keys = rows.flatMap((r) => (r.thumbKey ? [r.fileKey, r.thumbKey] : [r.fileKey]));
  for (let i = 0; i < keys.length; i += 64) await Promise.all(keys.slice(i, i + 64).map((k) => store.delete(k)));
  purgeAssets(rows.map((r) => r.id));
}

export async function deleteAsset(assetId: string): Promise<void> {
  const rows = hideAssets([assetId]);
  if (rows.length === 0) throw notFound("asset", assetId);
  await removeHiddenAssets(rows);
}

export async function bulkDeleteAssets(assetIds: string[]): Promise<{ deleted: string[]; notFound: string[] }> {
  const unique = [...new Set(assetIds)];
  const rows = hideAssets(unique);
  await removeHiddenAssets(rows);
  const deleted = new Set(rows.map((r) => r.id));
  return { deleted: unique.filter((id) => deleted.has(id)), notFound: unique.filter((id) => !deleted.has(id)) };
}
