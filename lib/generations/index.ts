import "server-only";
import { audited } from "@/lib/auth/audit";
import { requireModify, type Actor } from "@/lib/auth/principal";
import { canModify } from "@/lib/contracts/access";
import { z } from "zod";
import {
  cancelGenerationRow,
  cancelQueuedRows,
  getGeneration,
  listGenerations,
  listQueuedOfProject,
  type GenerationRow,
} from "@/lib/db/generations";
import { conflict, notFound } from "@/lib/errors";
import { jobRunner } from "@/lib/jobs/runner";
import { requireProject } from "@/lib/projects";
import { catalogForRequest } from "@/lib/catalog";
import { sanitizeParamsForModel, withImageCount } from "@/lib/validation";
import { createGeneration } from "./create-generation";
import { toGeneration, toGenerations } from "./serialize";
import { GENERATION_STATUSES, type Generation } from "@/lib/contracts/generations";

export { createGeneration };

export const generationListQuerySchema = z.strictObject({
  status: z.enum(GENERATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listProjectGenerations(
  projectId: string,
  q: z.infer<typeof generationListQuerySchema>,
): Promise<Generation[]> {
  await requireProject(projectId);
  return toGenerations(await listGenerations({ projectId, status: q.status, limit: q.limit }));
}

/** A generation reached through another project's path is 404. */
async function findRow(projectId: string, generationId: string): Promise<GenerationRow> {
  await requireProject(projectId);
  const row = await getGeneration(generationId);
  if (!row || row.projectId !== projectId) throw notFound("generation", generationId);
  return row;
}

export const findGeneration = async (projectId: string, generationId: string): Promise<Generation> =>
  toGeneration(await findRow(projectId, generationId));

/** Final: the row becomes `cancelled` first, then the upstream request is aborted. */
export async function cancelGeneration(actor: Actor, projectId: string, generationId: string): Promise<Generation> {
  const row = await findRow(projectId, generationId);
  requireModify(actor, row.createdBy, "generations");
  await audited(
    actor,
    async () => {
      if (!(await cancelGenerationRow(row.id, actor.userId))) {
        const now = (await getGeneration(row.id))?.status ?? row.status;
        throw conflict(`Generation is already ${now}`, { status: row.status });
      }
    },
    () => ({ action: "generation.cancel", targetType: "generation", targetIds: [row.id], details: { projectId } }),
  );
  jobRunner().abort(row.id);
  return findGeneration(projectId, generationId);
}

/**
 * Cancel every queued job of the project the actor may cancel (their own; anyone's for a manager), in one
 * transaction with one audit event; running jobs are left alone. Answers the ids cancelled and how many
 * queued jobs were someone else's.
 */
export async function cancelQueuedGenerations(
  actor: Actor,
  projectId: string,
): Promise<{ cancelled: string[]; skipped: number }> {
  await requireProject(projectId);
  let skipped = 0;
  const cancelled = await audited(
    actor,
    async () => {
      const queued = await listQueuedOfProject(projectId);
      const mine = queued.filter((g) => canModify(actor.role, actor.userId, g.createdBy));
      skipped = queued.length - mine.length;
      return cancelQueuedRows(
        mine.map((g) => g.id),
        actor.userId,
      );
    },
    (ids) =>
      ids.length === 0
        ? null
        : {
            action: "generation.cancel",
            targetType: "generation",
            targetIds: ids,
            details: { projectId, queued: true },
          },
  );
  // Only rows still queued were changed: a job a runner claimed meanwhile runs on (cancel it on its own).
  return { cancelled, skipped };
}

/** The storage key of a running job's preview, or 404. */
export async function findGenerationPreview(projectId: string, generationId: string, index: number): Promise<string> {
  const row = await findRow(projectId, generationId);
  const key = row.previewKeys.find((k) => k.endsWith(`-${index}.webp`));
  if (!key) throw notFound("preview", String(index));
  return key;
}

export const retryBodySchema = z
  .strictObject({
    model: z.string().min(1).max(128).optional(),
    /** Ask only for the images that did not come (`missing` of a partial result), not the whole request again. */
    missing: z.boolean().optional(),
  })
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
  const row = await findRow(projectId, generationId);
  requireModify(actor, row.createdBy, "generations");
  if (row.status !== "failed" && row.status !== "cancelled")
    throw conflict(`Only failed or cancelled generations can be retried (this one is ${row.status})`, {
      status: row.status,
    });
  const catalog = await catalogForRequest();
  const target = opts.model && opts.model !== row.model ? catalog.lookup(opts.model) : undefined;
  if (opts.model && opts.model !== row.model && !target) throw notFound("model", opts.model);
  let params = target ? sanitizeParamsForModel(target, row.operation, row.params) : row.params;
  if (opts.missing) {
    const missing = Math.max(0, row.total - row.current);
    if (missing === 0 || row.current === 0)
      throw conflict(
        row.current === 0
          ? "Nothing of this generation was saved: retry the whole request"
          : "Every image of this generation was saved",
        { status: row.status, current: row.current, total: row.total },
      );
    const card = target ?? catalog.lookup(row.model);
    if (!card) throw notFound("model", row.model);
    params = withImageCount(card, params, missing);
  }
  const body = {
    model: target?.id ?? row.model,
    operation: row.operation,
    prompt: row.prompt,
    params,
    ...(row.operation === "edit" ? { inputAssetIds: row.inputAssetIds } : {}),
    ...(row.maskAssetId ? { maskAssetId: row.maskAssetId } : {}),
  };
  return createGeneration(actor, projectId, body, row.id, row.purpose ?? null);
}
