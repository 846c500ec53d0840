import "server-only";
import { removeHiddenAssets } from "@/lib/assets/delete-assets";
import { allAssetStorageKeys, listHiddenAssets } from "@/lib/db/assets";
import { ensureSharedAuthSecret } from "@/lib/auth/secret";
import { connectDb, dbDialect } from "@/lib/db/client";
import { reapExpiredLeases } from "@/lib/db/queue";
import { listQueuedIds, allPreviewKeys } from "@/lib/db/generations";
import { listStalePreviewOwners, recoverGenerations } from "@/lib/db/generations";
import { loadModelsFile, refreshLists } from "@/lib/catalog";
import { env } from "@/lib/env";
import { dropPreviews } from "@/lib/jobs/previews";
import { listDeletedProjectIds } from "@/lib/db/projects";
import { jobRunner } from "@/lib/jobs/runner";
import { purgeHiddenProject } from "@/lib/projects/delete-project";
import { storage } from "@/lib/storage";
import { cleanStaging } from "@/lib/storage/staging";

/**
 * Start-up work, once per process (instrumentation.ts) and in tests on demand:
 * migrate, finish deletes a crash interrupted, drop temp files of unfinished writes and the staged files
 * of uploads that never committed, and remove files whose row never committed (a crash between the file
 * write — or an upload's move into place — and the insert), and recover jobs: those a
 * crash left running fail as `interrupted` (retryable; their request may have been billed, so it is not
 * re-sent silently), queued ones — nothing sent yet — are resumed; previews of ended jobs are removed;
 * the gateways' model lists are read.
 */
/** Files younger than this are left by a shared boot: another process may be about to commit their rows. */
const sharedSweepGraceMs = () => env().ORPHAN_GRACE_S * 1000;

export async function boot(): Promise<{
  pendingDeletes: number;
  tempFiles: number;
  /** Files of upload batches a crash interrupted before their rows committed. */
  stagedFiles: number;
  orphanFiles: number;
  interrupted: number;
  resumed: number;
}> {
  await connectDb();
  await ensureSharedAuthSecret();
  // A bad STUDIO_MODELS_FILE stops start-up here, naming the field, rather than at the first request.
  loadModelsFile(env().STUDIO_MODELS_FILE);
  const pending = await listDeletedProjectIds();
  for (const id of pending) await purgeHiddenProject(id);
  const hidden = await listHiddenAssets();
  await removeHiddenAssets(hidden);
  const store = storage();
  // Alone (SQLite), nothing else writes while this boots; sharing PostgreSQL, other processes may be between
  // writing a file and committing its row, or receiving an upload: only what is older than the grace goes.
  const shared = dbDialect() === "postgres";
  const grace = shared ? sharedSweepGraceMs() : 0;
  const tempFiles = await store.cleanTemp(shared ? grace : undefined);
  const stagedFiles = await cleanStaging(grace);
  const swept = async (prefix: string) =>
    (await store.listEntries(prefix)).filter((e) => Date.now() - e.modifiedMs >= grace).map((e) => e.key);
  const owned = await allAssetStorageKeys();
  let orphanFiles = 0;
  for (const key of [...(await swept("assets/")), ...(await swept("thumbs/"))]) {
    if (!owned.has(key)) {
      await store.delete(key);
      orphanFiles++;
    }
  }
  // Alone, every running job is a crash's; sharing, only those whose lease passed (the shared queue's runner
  // reaps those continually and takes the queued ones).
  const jobs = shared
    ? { interrupted: (await reapExpiredLeases()).length, queued: await listQueuedIds() }
    : await recoverGenerations();
  // Previews of jobs that ended (or were interrupted) go; then preview files no running job lists.
  for (const id of await listStalePreviewOwners()) await dropPreviews(id);
  const previewKeys = await allPreviewKeys();
  for (const key of await swept("previews/")) {
    if (!previewKeys.has(key)) {
      await store.delete(key);
      orphanFiles++;
    }
  }
  // The gateways' model lists, read in the background (a page or job waits briefly for the first read).
  void refreshLists().catch(() => undefined);
  for (const id of jobs.queued) jobRunner().enqueue(id);
  jobRunner().resume();
  return {
    pendingDeletes: pending.length + hidden.length,
    tempFiles,
    stagedFiles,
    orphanFiles,
    interrupted: jobs.interrupted,
    resumed: jobs.queued.length,
  };
}
