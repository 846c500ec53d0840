import "server-only";
import { audited } from "@/lib/auth/audit";
import { requireModify, type Actor } from "@/lib/auth/principal";
import { z } from "zod";
import { cancelGenerationRow, getGeneration, listGenerations, type GenerationRow } from "@/lib/db/generations";
import { conflict, notFound } from "@/lib/errors";
import { jobRunner } from "@/lib/jobs/runner";
import { requireProject } from "@/lib/projects";
import { catalogForRequest } from "@/lib/catalog";
import { sanitizeParamsForModel } from "@/lib/validation";
import { createGeneration } from "./create-generation";
import { toGeneration, toGenerations } from "./serialize";
import { GENERATION_STATUSES, type Generation } from "@/lib/contracts/generations";

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
export function cancelGeneration(actor: Actor, projectId: string, generationId: string): Generation {
  const row = findRow(projectId, generationId);
  requireModify(actor, row.createdBy, "generations");
  audited(
    actor,
    () => {
      if (!cancelGenerationRow(row.id))
        throw conflict(`Generation is already ${getGeneration(row.id)?.status ?? row.status}`, { status: row.status });
    },
    () => ({ action: "generation.cancel", targetType: "generation", targetIds: [row.id], details: { projectId } }),
  );
  jobRunner().abort(row.id);
  return findGeneration(projectId, generationId);
}

/** The storage key of a running job's preview, or 404. */
export function findGenerationPreview(projectId: string, generationId: string, index: number): string {
  const row = findRow(projectId, generationId);
  const key = row.previewKeys.find((k) => k.endsWith(`-${index}.webp`));
  if (!key) throw notFound("preview", String(index));
  return key;
}

export const retryBodySchema = z
  .strictObject({ model: z.string().min(1).max(128).optional() })
  .optional()
  .transform((b) => b ?? {});

/**
 * A new generation with the stored request; allowed for failed and cancelled ones. With `model` (the
 * replacement of a model the gateway no longer offers), the same request on that model: the params it
 * does not take are left out, the way the panel does when the user switches models.
 */
export async function retryGeneration(
  actor: Actor,
  projectId: string,
  generationId: string,
  opts: z.output<typeof retryBodySchema> = {},
): Promise<Generation> {
  const row = findRow(projectId, generationId);
  requireModify(actor, row.createdBy, "generations");
  if (row.status !== "failed" && row.status !== "cancelled")
    throw conflict(`Only failed or cancelled generations can be retried (this one is ${row.status})`, {
      status: row.status,
    });
  const target = opts.model && opts.model !== row.model ? (await catalogForRequest()).lookup(opts.model) : undefined;
  if (opts.model && opts.model !== row.model && !target) throw notFound("model", opts.model);
  const body = {
    model: target?.id ?? row.model,
    operation: row.operation,
    prompt: row.prompt,
    params: target ? sanitizeParamsForModel(target, row.operation, row.params) : row.params,
    ...(row.operation === "edit" ? { inputAssetIds: row.inputAssetIds } : {}),
    ...(row.maskAssetId ? { maskAssetId: row.maskAssetId } : {}),
  };
  return createGeneration(actor, projectId, body, row.id);
}
