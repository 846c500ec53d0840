import "server-only";
import type { GenerationStatus } from "@/lib/contracts/generations";
import { and, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { db } from "./client";
import { assets, generations } from "./schema";
import { nowIso } from "./time";
import type { GenerationError } from "@/lib/errors";
import { projectIsLive, type NewAssetRow, type AssetRow } from "./assets";

export type GenerationRow = typeof generations.$inferSelect;
export type NewGenerationRow = typeof generations.$inferInsert;

const ACTIVE: GenerationStatus[] = ["queued", "running"];

export function insertGeneration(row: NewGenerationRow): GenerationRow {
  return db().insert(generations).values(row).returning().get();
}

export function getGeneration(id: string): GenerationRow | undefined {
  return db().select().from(generations).where(eq(generations.id, id)).get();
}

export function listGenerations(q: {
  projectId: string;
  status?: GenerationStatus;
  limit: number;
  before?: { createdAt: string; id: string };
}): GenerationRow[] {
  const conds = [eq(generations.projectId, q.projectId)];
  if (q.status) conds.push(eq(generations.status, q.status));
  if (q.before) {
    const b = q.before;
    conds.push(sql`(${generations.createdAt}, ${generations.id}) < (${b.createdAt}, ${b.id})`);
  }
  return db()
    .select()
    .from(generations)
    .where(and(...conds))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(q.limit)
    .all();
}

export function countActiveGenerations(projectId: string): number {
  return db()
    .select({ n: sql<number>`count(*)` })
    .from(generations)
    .where(and(eq(generations.projectId, projectId), inArray(generations.status, ACTIVE)))
    .get()!.n;
}

/** queued → running. False when it is no longer queued (cancelled before it started). */
export function claimGeneration(id: string): boolean {
  const now = nowIso();
  const res = db()
    .update(generations)
    .set({ status: "running", phase: "submitting", message: "Sending the request", startedAt: now, updatedAt: now })
    .where(and(eq(generations.id, id), eq(generations.status, "queued")))
    .run();
  return res.changes === 1;
}

/** Progress of a running job; a no-op once it has ended (a late update never revives a cancelled job). */
export function updateRunning(
  id: string,
  set: Partial<Pick<GenerationRow, "phase" | "message" | "usage" | "upstreamRequestId" | "vendorRequestId">>,
): boolean {
  const res = db()
    .update(generations)
    .set({ ...set, updatedAt: nowIso() })
    .where(and(eq(generations.id, id), eq(generations.status, "running")))
    .run();
  return res.changes === 1;
}

/**
 * Insert a result asset and count it, atomically, only while the job still runs and its project is not
 * being deleted: an image that arrives after a cancel, or after a project delete began (whose file list
 * would miss it), is never attached. Returns undefined when the job had ended or the project is gone.
 */
export function insertGenerationAsset(generationId: string, row: NewAssetRow): AssetRow | undefined {
  return db().transaction((tx) => {
    if (!projectIsLive(row.projectId)) return undefined;
    const res = tx
      .update(generations)
      .set({ current: sql`${generations.current} + 1`, updatedAt: nowIso() })
      .where(and(eq(generations.id, generationId), eq(generations.status, "running")))
      .run();
    if (res.changes !== 1) return undefined;
    return tx.insert(assets).values(row).returning().get();
  });
}

/** running → succeeded | failed, conditionally: a cancel that won the race stays a cancel. */
export function finishGeneration(
  id: string,
  set: Pick<GenerationRow, "status" | "message"> &
    Partial<Pick<GenerationRow, "error" | "usage" | "upstreamRequestId" | "vendorRequestId" | "total">>,
): boolean {
  const now = nowIso();
  const res = db()
    .update(generations)
    .set({
      ...set,
      phase: set.status === "succeeded" ? "done" : sql`${generations.phase}`,
      finishedAt: now,
      updatedAt: now,
    })
    .where(and(eq(generations.id, id), eq(generations.status, "running")))
    .run();
  return res.changes === 1;
}

/** Record a streamed preview's storage key while the job runs; false once it has ended. */
export function addPreviewKey(id: string, key: string): boolean {
  const res = db()
    .update(generations)
    .set({
      previewKeys: sql`json_insert(${generations.previewKeys}, '$[#]', ${key})`,
      updatedAt: nowIso(),
    })
    .where(and(eq(generations.id, id), eq(generations.status, "running")))
    .run();
  return res.changes === 1;
}

/** Forget a job's previews (their files are removed by the caller); returns the keys it had. */
export function takePreviewKeys(id: string): string[] {
  return db().transaction((tx) => {
    const row = tx.select({ keys: generations.previewKeys }).from(generations).where(eq(generations.id, id)).get();
    if (!row || row.keys.length === 0) return [];
    tx.update(generations).set({ previewKeys: [] }).where(eq(generations.id, id)).run();
    return row.keys;
  });
}

/** Ended jobs that still hold preview keys (a crash between the end and the cleanup). */
export function listStalePreviewOwners(): string[] {
  return db()
    .select({ id: generations.id })
    .from(generations)
    .where(and(notInArray(generations.status, ACTIVE), sql`${generations.previewKeys} <> '[]'`))
    .all()
    .map((r) => r.id);
}

/** Every preview key a job row still holds (boot's orphan sweep). */
export function allPreviewKeys(): Set<string> {
  const rows = db()
    .select({ keys: generations.previewKeys })
    .from(generations)
    .where(sql`${generations.previewKeys} <> '[]'`)
    .all();
  return new Set(rows.flatMap((r) => r.keys));
}

/** queued|running → cancelled. False when it had already ended. */
export function cancelGenerationRow(id: string): boolean {
  const now = nowIso();
  const res = db()
    .update(generations)
    .set({ status: "cancelled", message: "Cancelled", finishedAt: now, updatedAt: now })
    .where(and(eq(generations.id, id), inArray(generations.status, ACTIVE)))
    .run();
  return res.changes === 1;
}

/** Boot: jobs a crash left running end as `interrupted`; queued ones (nothing sent yet) are returned to resume. */
export function recoverGenerations(): { interrupted: number; queued: string[] } {
  const now = nowIso();
  const error: GenerationError = {
    code: "interrupted",
    message: "The server restarted while this generation was running",
    requestId: null,
    httpStatus: null,
  };
  const res = db()
    .update(generations)
    .set({ status: "failed", message: "Interrupted by a server restart", error, finishedAt: now, updatedAt: now })
    .where(eq(generations.status, "running"))
    .run();
  const queued = db()
    .select({ id: generations.id })
    .from(generations)
    .where(eq(generations.status, "queued"))
    .orderBy(generations.createdAt)
    .all()
    .map((r) => r.id);
  return { interrupted: res.changes, queued };
}
