import "server-only";
import { db } from "@/lib/db/client";
import { listDeletedProjectIds } from "@/lib/db/projects";
import { purgeHiddenProject } from "@/lib/projects/delete-project";
import { storage } from "@/lib/storage";

/**
 * Start-up work, once per process (instrumentation.ts) and in tests on demand:
 * migrate, finish deletes a crash interrupted, drop temp files of unfinished writes.
 */
export async function boot(): Promise<{ pendingDeletes: number; tempFiles: number }> {
  db();
  const pending = listDeletedProjectIds();
  for (const id of pending) await purgeHiddenProject(id);
  const tempFiles = await storage().cleanTemp();
  return { pendingDeletes: pending.length, tempFiles };
}
