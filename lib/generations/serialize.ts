import "server-only";
import { listGenerationAssetIds } from "@/lib/db/assets";
import type { GenerationRow } from "@/lib/db/generations";
import type { GenerationError } from "@/lib/errors";
import type { Generation, GenerationStatusView } from "./types";

/** Rows → docs/api.md `Generation`s; their asset ids are fetched in one query for the whole list. */
export function toGenerations(rows: GenerationRow[]): Generation[] {
  const assetIds = listGenerationAssetIds(rows.map((r) => r.id));
  return rows.map((row) => toGenerationWith(row, assetIds.get(row.id) ?? []));
}

export const toGeneration = (row: GenerationRow): Generation => toGenerations([row])[0];

function toGenerationWith(row: GenerationRow, assetIds: string[]): Generation {
  return {
    id: row.id,
    projectId: row.projectId,
    provider: row.provider,
    model: row.model,
    operation: row.operation as Generation["operation"],
    prompt: row.prompt,
    params: row.params,
    inputAssetIds: row.inputAssetIds,
    maskAssetId: row.maskAssetId,
    status: row.status as Generation["status"],
    phase: row.phase as Generation["phase"],
    message: row.message,
    current: row.current,
    total: row.total,
    assetIds,
    error: (row.error as GenerationError | null) ?? null,
    retryOf: row.retryOf,
    usage: row.usage ?? null,
    requestId: row.upstreamRequestId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function toStatusView(g: Generation): GenerationStatusView {
  const { id, status, phase, message, current, total, assetIds, error, updatedAt } = g;
  return { id, status, phase, message, current, total, assetIds, error, updatedAt };
}
