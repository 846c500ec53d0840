import "server-only";
import { z } from "zod";
import { getAsset, listAssetPage } from "@/lib/db/assets";
import { invalidRequest, notFound } from "@/lib/errors";
import { latestAuditOf } from "@/lib/auth/audit";
import { isId } from "@/lib/ids";
import { requireProject } from "@/lib/projects";
import { toAsset } from "./serialize";
import { ASSET_KINDS, type Asset } from "@/lib/contracts/assets";

export const assetListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
});

export type AssetListQuery = z.infer<typeof assetListQuerySchema>;

// The cursor is the keyset position of the last row served: opaque to clients, validated on the way in.
const encodeCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}|${id}`).toString("base64url");

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !id.startsWith("ast_")) {
    throw invalidRequest("Invalid cursor", [{ path: "cursor", message: "not a cursor from this API" }]);
  }
  return { createdAt, id };
}

export async function listAssets(
  projectId: string,
  q: AssetListQuery,
): Promise<{ assets: Asset[]; nextCursor: string | null }> {
  await requireProject(projectId);
  const rows = await listAssetPage({
    projectId,
    limit: q.limit + 1,
    kind: q.kind,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    assets: page.map(toAsset),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function findAsset(assetId: string) {
  const row = await getAsset(assetId);
  if (!row) throw notFound("asset", assetId);
  return row;
}

/** An asset of this project that can be opened in the editor (not a mask), or undefined. */
export async function findEditableAsset(projectId: string, assetId: string): Promise<Asset | undefined> {
  if (!isId(assetId, "ast")) return undefined;
  const row = await getAsset(assetId);
  return row && row.projectId === projectId && row.kind !== "mask" ? toAsset(row) : undefined;
}

/**
 * When and by whom an asset of `projectId` was deleted, from the audit log (its row is gone): what the editor
 * page says for a link to a deleted image. Undefined when the log has no such delete.
 */
export async function findAssetDeletion(
  projectId: string,
  assetId: string,
): Promise<{ at: string; by: string | null } | undefined> {
  if (!isId(assetId, "ast")) return undefined;
  const hit = await latestAuditOf("asset.delete", assetId);
  const projects = (hit?.event.details.projectIds ?? []) as string[];
  if (!hit || (projects.length && !projects.includes(projectId))) return undefined;
  return { at: hit.event.at, by: hit.userName };
}
