import "server-only";
import { audited } from "@/lib/auth/audit";
import { requireModify, type Actor } from "@/lib/auth/principal";
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
  await purgeAssets(rows.map((r) => r.id));
}

/** Hide what the actor may delete, with the audit event, in one transaction: one asset they may not touch refuses all (403). */
function hideAudited(actor: Actor, ids: string[], requireAll: boolean): Promise<AssetRow[]> {
  return audited(
    actor,
    () =>
      hideAssets(
        ids,
        (rows) => {
          if (requireAll && rows.length === 0) throw notFound("asset", ids[0]);
          for (const r of rows) requireModify(actor, r.createdBy, "assets");
        },
        actor.userId,
      ),
    (rows) =>
      rows.length === 0
        ? null
        : {
            action: "asset.delete",
            targetType: "asset",
            targetIds: rows.map((r) => r.id),
            details: { projectIds: [...new Set(rows.map((r) => r.projectId))] },
          },
  );
}

export async function deleteAsset(actor: Actor, assetId: string): Promise<void> {
  await removeHiddenAssets(await hideAudited(actor, [assetId], true));
}

export async function bulkDeleteAssets(
  actor: Actor,
  assetIds: string[],
): Promise<{ deleted: string[]; notFound: string[] }> {
  const unique = [...new Set(assetIds)];
  const rows = await hideAudited(actor, unique, false);
  await removeHiddenAssets(rows);
  const deleted = new Set(rows.map((r) => r.id));
  return { deleted: unique.filter((id) => deleted.has(id)), notFound: unique.filter((id) => !deleted.has(id)) };
}
