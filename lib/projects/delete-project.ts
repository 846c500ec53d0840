import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";
import { listActiveGenerationIds, listProjectFileKeys, markProjectDeleted, purgeProject } from "@/lib/db/projects";
import { jobRunner } from "@/lib/jobs/runner";
import { storage } from "@/lib/storage";

/**
 * Delete a project with its generations, assets and files.
 * 1. Hide the project and its assets in one transaction: from here every route answers 404.
 * 2. Stop its queued and running jobs (no more upstream spending on a project that is gone).
 * 3. Remove the files, job previews included (idempotent).
 * 4. Purge the rows; generations and assets cascade.
 * A crash between 1 and 4 leaves a hidden project that boot finishes (`finishPendingDeletes`).
 */
export async function deleteProject(actor: Actor, projectId: string): Promise<void> {
  await audited(
    actor,
    async () => {
      if (!(await markProjectDeleted(projectId))) throw notFound("project", projectId);
    },
    () => ({ action: "project.delete", targetType: "project", targetIds: [projectId] }),
  );
  for (const id of await listActiveGenerationIds(projectId)) jobRunner().abort(id);
  await purgeHiddenProject(projectId);
}

export async function purgeHiddenProject(projectId: string): Promise<void> {
  const store = storage();
  const keys = await listProjectFileKeys(projectId);
  for (let i = 0; i < keys.length; i += 64) {
    await Promise.all(keys.slice(i, i + 64).map((k) => store.delete(k)));
  }
  await purgeProject(projectId);
}
