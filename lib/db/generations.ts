import "server-only";
import type { GenerationStatus } from "@/lib/contracts/generations";
import type { GenerationError } from "@/lib/errors";
import { insertAssetRow, type AssetRow, type NewAssetRow } from "./assets";
import { projectIsLive } from "./projects";
import { db, transaction } from "./client";
import { chunks, fromJson, fromJsonOrNull, toJson, toJsonOrNull } from "./json";
import type { Raw } from "./tables";
import { nowIso } from "./time";
import { env } from "@/lib/env";
import { publish } from "@/lib/events/bus";

export interface GenerationRow extends Omit<
  Raw<"generations">,
  "params" | "inputAssetIds" | "error" | "usage" | "previewKeys"
> {
  params: Record<string, unknown>;
  inputAssetIds: string[];
  error: GenerationError | null;
  usage: Record<string, unknown> | null;
  previewKeys: string[];
}

type Defaulted = "message" | "current" | "previewKeys";
type Nullable =
  | "maskAssetId"
  | "error"
  | "retryOf"
  | "createdBy"
  | "usage"
  | "upstreamRequestId"
  | "vendorRequestId"
  | "startedAt"
  | "finishedAt"
  | "leaseOwner"
  | "leaseUntil"
  | "purpose";
export type NewGenerationRow = Omit<GenerationRow, Defaulted | Nullable> &
  Partial<Pick<GenerationRow, Defaulted | Nullable>>;

const ACTIVE: GenerationStatus[] = ["queued", "running"];

export const toGenerationRow = (r: Raw<"generations">): GenerationRow => ({
  ...r,
  params: fromJson(r.params),
  inputAssetIds: fromJson(r.inputAssetIds),
  error: fromJsonOrNull(r.error),
  usage: fromJsonOrNull(r.usage),
  previewKeys: fromJson(r.previewKeys),
});

/** The JSON columns of a partial update, as stored. */
function jsonSet<T extends Partial<GenerationRow>>(set: T) {
  const { error, usage, previewKeys, params, inputAssetIds, ...rest } = set;
  return {
    ...rest,
    ...(error !== undefined ? { error: toJsonOrNull(error) } : {}),
    ...(usage !== undefined ? { usage: toJsonOrNull(usage) } : {}),
    ...(previewKeys !== undefined ? { previewKeys: toJson(previewKeys) } : {}),
    ...(params !== undefined ? { params: toJson(params) } : {}),
    ...(inputAssetIds !== undefined ? { inputAssetIds: toJson(inputAssetIds) } : {}),
  };
}

export async function insertGeneration(row: NewGenerationRow): Promise<GenerationRow> {
  const raw = {
    maskAssetId: null,
    retryOf: null,
    createdBy: null,
    upstreamRequestId: null,
    vendorRequestId: null,
    startedAt: null,
    finishedAt: null,
    leaseOwner: null,
    leaseUntil: null,
    purpose: null,
    ...jsonSet({ error: null, usage: null, previewKeys: [], ...row }),
    // Required, so spelled out for the insert's type (jsonSet's fields are all optional).
    params: toJson(row.params),
    inputAssetIds: toJson(row.inputAssetIds),
  };
  return transaction(async () => {
    const inserted = toGenerationRow(
      await db().insertInto("generations").values(raw).returningAll().executeTakeFirstOrThrow(),
    );
    await announceGenerations([inserted], inserted.createdBy);
    return inserted;
  });
}

export async function getGeneration(id: string): Promise<GenerationRow | undefined> {
  const r = await db().selectFrom("generations").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toGenerationRow(r);
}

export async function listGenerations(q: {
  projectId: string;
  status?: GenerationStatus;
  limit: number;
  before?: { createdAt: string; id: string };
}): Promise<GenerationRow[]> {
  let query = db().selectFrom("generations").selectAll().where("projectId", "=", q.projectId);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb(eb.refTuple("createdAt", "id"), "<", eb.tuple(b.createdAt, b.id)));
  }
  const rows = await query.orderBy("createdAt", "desc").orderBy("id", "desc").limit(q.limit).execute();
  return rows.map(toGenerationRow);
}

export async function countActiveGenerations(projectId: string): Promise<number> {
  const r = await db()
    .selectFrom("generations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", projectId)
    .where("status", "in", ACTIVE)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const changed = (res: { numUpdatedRows: bigint }) => Number(res.numUpdatedRows) === 1;

/**
 * Announce changed jobs on their projects' event streams (lib/events/bus.ts); `rows` are what an update
 * returned. True when there was one. Called in the change's own statement sequence (inside its transaction).
 */
export async function announceGenerations(
  rows: { id: string; projectId: string }[],
  actorId: string | null = null,
): Promise<boolean> {
  for (const r of rows) await publish(r.projectId, "generation", [r.id], actorId);
  return rows.length > 0;
}

/**
 * queued → running, here (the in-process runner; a test driving one job). False when it is no longer
 * queued (cancelled before it started). It gets a lease like a shared-queue claim, owned by no runner's
 * heartbeat: on a shared database it is reaped if it runs past JOB_LEASE_S.
 */
export async function claimGeneration(id: string): Promise<boolean> {
  const now = nowIso();
  const leaseUntil = new Date(Date.now() + env().JOB_LEASE_S * 1000).toISOString();
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set({
        status: "running",
        phase: "submitting",
        message: "Sending the request",
        startedAt: now,
        updatedAt: now,
        leaseOwner: `pid:${process.pid}`,
        leaseUntil,
      })
      .where("id", "=", id)
      .where("status", "=", "queued")
      .returning(["id", "projectId"])
      .execute();
    return announceGenerations(rows);
  });
}

/** Progress of a running job; a no-op once it has ended (a late update never revives a cancelled job). */
export async function updateRunning(
  id: string,
  set: Partial<Pick<GenerationRow, "phase" | "message" | "usage" | "upstreamRequestId" | "vendorRequestId">>,
): Promise<boolean> {
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set({ ...jsonSet(set), updatedAt: nowIso() })
      .where("id", "=", id)
      .where("status", "=", "running")
      .returning(["id", "projectId"])
      .execute();
    return announceGenerations(rows);
  });
}

/**
 * Insert a result asset and count it, atomically, only while the job still runs and its project is not
 * being deleted: an image that arrives after a cancel, or after a project delete began (whose file list
 * would miss it), is never attached. Returns undefined when the job had ended or the project is gone.
 */
export async function insertGenerationAsset(generationId: string, row: NewAssetRow): Promise<AssetRow | undefined> {
  return transaction(async (tx) => {
    if (!(await projectIsLive(row.projectId, "share"))) return undefined;
    const res = await tx
      .updateTable("generations")
      .set((eb) => ({ current: eb("current", "+", 1), updatedAt: nowIso() }))
      .where("id", "=", generationId)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (!changed(res)) return undefined;
    const asset = await insertAssetRow(row);
    await publish(row.projectId, "asset.created", [asset.id], asset.createdBy);
    await announceGenerations([{ id: generationId, projectId: row.projectId }]);
    return asset;
  });
}

/** running → succeeded | failed, conditionally: a cancel that won the race stays a cancel. */
export async function finishGeneration(
  id: string,
  set: Pick<GenerationRow, "status" | "message"> &
    Partial<Pick<GenerationRow, "error" | "usage" | "upstreamRequestId" | "vendorRequestId" | "total">>,
): Promise<boolean> {
  const now = nowIso();
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set({
        ...jsonSet(set),
        ...(set.status === "succeeded" ? { phase: "done" as const } : {}),
        finishedAt: now,
        updatedAt: now,
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .returning(["id", "projectId"])
      .execute();
    return announceGenerations(rows);
  });
}

/** Record a streamed preview's storage key while the job runs; false once it has ended. */
export async function addPreviewKey(id: string, key: string): Promise<boolean> {
  // Read-modify-write in one transaction: only the job's own runner appends, one preview at a time.
  return transaction(async (tx) => {
    const row = await tx
      .selectFrom("generations")
      .select(["previewKeys", "projectId"])
      .where("id", "=", id)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (!row) return false;
    const keys = [...fromJson<string[]>(row.previewKeys), key];
    await tx
      .updateTable("generations")
      .set({ previewKeys: toJson(keys), updatedAt: nowIso() })
      .where("id", "=", id)
      .execute();
    return announceGenerations([{ id, projectId: row.projectId }]);
  });
}

/** Forget a job's previews (their files are removed by the caller); returns the keys it had. */
export async function takePreviewKeys(id: string): Promise<string[]> {
  return transaction(async (tx) => {
    const row = await tx.selectFrom("generations").select("previewKeys").where("id", "=", id).executeTakeFirst();
    const keys = row ? fromJson<string[]>(row.previewKeys) : [];
    if (keys.length === 0) return [];
    await tx.updateTable("generations").set({ previewKeys: "[]" }).where("id", "=", id).execute();
    return keys;
  });
}

/** Ended jobs that still hold preview keys (a crash between the end and the cleanup). */
export async function listStalePreviewOwners(): Promise<string[]> {
  const rows = await db()
    .selectFrom("generations")
    .select("id")
    .where("status", "not in", ACTIVE)
    .where("previewKeys", "<>", "[]")
    .execute();
  return rows.map((r) => r.id);
}

/** Every preview key a job row still holds (boot's orphan sweep). */
export async function allPreviewKeys(): Promise<Set<string>> {
  const rows = await db().selectFrom("generations").select("previewKeys").where("previewKeys", "<>", "[]").execute();
  return new Set(rows.flatMap((r) => fromJson<string[]>(r.previewKeys)));
}

/** queued|running → cancelled, by `actorId`. False when it had already ended. */
export async function cancelGenerationRow(id: string, actorId: string | null = null): Promise<boolean> {
  const now = nowIso();
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set({ status: "cancelled", message: "Cancelled", finishedAt: now, updatedAt: now })
      .where("id", "=", id)
      .where("status", "in", ACTIVE)
      .returning(["id", "projectId"])
      .execute();
    return announceGenerations(rows, actorId);
  });
}

/** A project's queued jobs, oldest first (id and creator: what "cancel all queued" checks). */
export async function listQueuedOfProject(projectId: string): Promise<{ id: string; createdBy: string | null }[]> {
  return db()
    .selectFrom("generations")
    .select(["id", "createdBy"])
    .where("projectId", "=", projectId)
    .where("status", "=", "queued")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}

/** queued → cancelled for those of `ids` still queued (none has sent anything); answers the ids cancelled. */
export async function cancelQueuedRows(ids: string[], actorId: string | null): Promise<string[]> {
  const now = nowIso();
  return transaction(async () => {
    const out: string[] = [];
    for (const part of chunks(ids)) {
      const rows = await db()
        .updateTable("generations")
        .set({ status: "cancelled", message: "Cancelled", finishedAt: now, updatedAt: now })
        .where("id", "in", part)
        .where("status", "=", "queued")
        .returning(["id", "projectId"])
        .execute();
      await announceGenerations(rows, actorId);
      out.push(...rows.map((r) => r.id));
    }
    // In the order asked (the queue's): RETURNING gives rows in no particular order.
    const done = new Set(out);
    return ids.filter((id) => done.has(id));
  });
}

/** Every queued job, oldest first. */
export async function listQueuedIds(): Promise<string[]> {
  const rows = await db()
    .selectFrom("generations")
    .select("id")
    .where("status", "=", "queued")
    .orderBy("createdAt")
    .execute();
  return rows.map((r) => r.id);
}

/** Boot: jobs a crash left running end as `interrupted`; queued ones (nothing sent yet) are returned to resume. */
export async function recoverGenerations(): Promise<{ interrupted: number; queued: string[] }> {
  const now = nowIso();
  const error: GenerationError = {
    code: "interrupted",
    message: "The server restarted while this generation was running",
    requestId: null,
    httpStatus: null,
  };
  const interrupted = await transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set({
        status: "failed",
        message: "Interrupted by a server restart",
        error: toJson(error),
        finishedAt: now,
        updatedAt: now,
      })
      .where("status", "=", "running")
      .returning(["id", "projectId"])
      .execute();
    await announceGenerations(rows);
    return rows.length;
  });
  const queued = await db()
    .selectFrom("generations")
    .select("id")
    .where("status", "=", "queued")
    .orderBy("createdAt")
    .execute();
  return { interrupted, queued: queued.map((r) => r.id) };
}
