import "server-only";
import { listGenerationAssetIds } from "@/lib/db/assets";
import type { GenerationRow } from "@/lib/db/generations";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";

/** Rows → docs/api.md `Generation`s; their asset ids are fetched in one query for the whole list. */
export async function toGenerations(rows: GenerationRow[]): Promise<Generation[]> {
  const assetIds = await listGenerationAssetIds(rows.map((r) => r.id));
  return rows.map((row) => toGenerationWith(row, assetIds.get(row.id) ?? []));
}

export const toGeneration = async (row: GenerationRow): Promise<Generation> => (await toGenerations([row]))[0];

function toGenerationWith(row: GenerationRow, assetIds: string[]): Generation {
  return {
    id: row.id,
    projectId: row.projectId,
    provider: row.provider,
    model: row.model,
    operation: row.operation,
    prompt: row.prompt,
    params: row.params,
    inputAssetIds: row.inputAssetIds,
    maskAssetId: row.maskAssetId,
    status: row.status,
    phase: row.phase,
    message: row.message,
    current: row.current,
    total: row.total,
    missing: row.status === "failed" || row.status === "cancelled" ? Math.max(0, row.total - row.current) : 0,
    assetIds,
    error: row.error ?? null,
    retryOf: row.retryOf,
    purpose: row.purpose ?? null,
    usage: row.usage ?? null,
    requestId: row.upstreamRequestId,
    vendorRequestId: row.vendorRequestId,
    previews: [...new Set(row.previewKeys)].map((key) => previewUrl(row, key)),
    createdBy: row.createdBy ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** `/api/projects/:p/generations/:g/previews/:n`: n is the preview's position in the key. */
function previewUrl(row: GenerationRow, key: string): string {
  const index = /-(\d)\.[a-z]+$/.exec(key)?.[1] ?? "0";
  return `/api/projects/${row.projectId}/generations/${row.id}/previews/${index}`;
}

export function toStatusView(g: Generation): GenerationStatusView {
  const { id, status, phase, message, current, total, missing, assetIds, error, updatedAt, previews } = g;
  return { id, status, phase, message, current, total, missing, assetIds, error, updatedAt, previews };
}
