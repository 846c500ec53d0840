import "server-only";
import { z } from "zod";
import { cancelGenerationRow, getGeneration, listGenerations, type GenerationRow } from "@/lib/db/generations";
import { conflict, notFound } from "@/lib/errors";
import { jobRunner } from "@/lib/jobs/runner";
import { requireProject } from "@/lib/projects";
import { createGeneration } from "./create-generation";
import { toGeneration, toGenerations } from "./serialize";
import { GENERATION_STATUSES, type Generation } from "./types";

export { createGeneration };

export const generationListQuerySchema = z.strictObject({
  status: z.enum(GENERATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function listProjectGenerations(projectId: string, q: z.infer<typeof generationListQuerySchema>): Generation[] {
  requireProject(projectId);
  return toGenerations(listGenerations({ projectId, status: q.status, limit: q.limit }));
}

/** A generation reached through another project's path is 404. */
function findRow(projectId: string, generationId: string): GenerationRow {
  requireProject(projectId);
  const row = getGeneration(generationId);
  if (!row || row.projectId !== projectId) throw notFound("generation", generationId);
  return row;
}

export const findGeneration = (projectId: string, generationId: string): Generation =>
  toGeneration(findRow(projectId, generationId));

/** Final: the row becomes `cancelled` first, then the upstream request is aborted. */
export function cancelGeneration(projectId: string, generationId: string): Generation {
  const row = findRow(projectId, generationId);
  if (!cancelGenerationRow(row.id))
    throw conflict(`Generation is already ${getGeneration(row.id)?.status ?? row.status}`, { status: row.status });
  jobRunner().abort(row.id);
  return findGeneration(projectId, generationId);
}

/** A new generation with the stored request; allowed for failed and cancelled ones. */
export function retryGeneration(projectId: string, generationId: string): Generation {
  const row = findRow(projectId, generationId);
  if (row.status !== "failed" && row.status !== "cancelled")
    throw conflict(`Only failed or cancelled generations can be retried (this one is ${row.status})`, {
      status: row.status,
    });
  const body = {
    model: row.model,
    operation: row.operation,
    prompt: row.prompt,
    params: row.params,
    ...(row.operation === "edit" ? { inputAssetIds: row.inputAssetIds } : {}),
    ...(row.maskAssetId ? { maskAssetId: row.maskAssetId } : {}),
  };
  return createGeneration(projectId, body, row.id);
}
