import "server-only";
import type { AssetRow } from "@/lib/db/assets";
import type { Asset } from "@/lib/contracts/assets";

/** Row → the docs/api.md `Asset` object. */
export function toAsset(row: AssetRow): Asset {
  return {
    id: row.id,
    projectId: row.projectId,
    generationId: row.generationId,
    kind: row.kind,
    mimeType: row.mimeType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    prompt: row.prompt,
    revisedPrompt: row.revisedPrompt,
    model: row.model,
    params: row.params ?? null,
    parentAssetIds: row.parentAssetIds,
    createdBy: row.createdBy ?? null,
    createdAt: row.createdAt,
    originalName: row.originalName ?? null,
    fileUrl: `/api/assets/${row.id}/file`,
    thumbUrl: `/api/assets/${row.id}/file?variant=thumb`,
  };
}
