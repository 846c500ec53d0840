import "server-only";
import { sql } from "kysely";
import { newId } from "@/lib/ids";
import { deleteProjectAssetSessions } from "./asset-sessions";
import { db, dbDialect, transaction } from "./client";
import { fromJson } from "./json";
import { nowIso } from "./time";

export interface ProjectRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  assetCount: number;
  createdBy: string | null;
}

/**
 * Projects with what their cards show: the images the grid shows (masks are inputs, not pictures), and when
 * anything last happened in them — the newest of the project row's own change, its newest image and its
 * newest event (jobs, deletes; the log keeps EVENT_LOG_HOURS). Each is an index seek per project.
 */
function projectsWithCount() {
  return db()
    .selectFrom("projects as p")
    .select(["p.id", "p.name", "p.createdAt", "p.updatedAt", "p.createdBy"])
    .select((eb) => [
      eb
        .selectFrom("assets as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.projectId", "=", "p.id")
        .where("a.deletedAt", "is", null)
        .where("a.kind", "<>", "mask")
        .as("assetCount"),
      eb
        .selectFrom("assets as a")
        .select("a.createdAt")
        .whereRef("a.projectId", "=", "p.id")
        .orderBy("a.createdAt", "desc")
        .limit(1)
        .as("lastAssetAt"),
      eb
        .selectFrom("events as e")
        .select("e.createdAt")
        .whereRef("e.projectId", "=", "p.id")
        .orderBy("e.id", "desc")
        .limit(1)
        .as("lastEventAt"),
    ])
    .where("p.deletedAt", "is", null);
}

const withCount = (
  r: Omit<ProjectRow, "assetCount"> & {
    assetCount: number | null;
    lastAssetAt: string | null;
    lastEventAt: string | null;
  },
): ProjectRow => {
  const { lastAssetAt, lastEventAt, ...rest } = r;
  // ISO-8601 UTC of one width: the greatest string is the latest time.
  const updatedAt = [r.updatedAt, lastAssetAt, lastEventAt].reduce<string>((a, b) => (b && b > a ? b : a), r.updatedAt);
  return { ...rest, updatedAt, assetCount: Number(r.assetCount ?? 0) };
};

export async function listProjects(): Promise<ProjectRow[]> {
  const rows = await projectsWithCount().orderBy("p.createdAt", "desc").orderBy("p.id", "desc").execute();
  return rows.map(withCount);
}

export async function getProject(id: string): Promise<ProjectRow | undefined> {
  const r = await projectsWithCount().where("p.id", "=", id).executeTakeFirst();
  return r && withCount(r);
}

/**
 * True while the project exists and no delete has begun. Inside a transaction, `lock` (PostgreSQL; SQLite runs
 * one writing transaction at a time anyway) holds the project row until the commit:
 * - "share" for inserts into the project (its assets): a project delete hides the project in a transaction of
 *   its own and then lists its files, so it sees every row that committed before it — and removes their
 *   files — while its update waits for the inserts holding the lock, and every insert after it is refused;
 * - "update" where a check of the project's contents guards an insert (the active-job limit), so two such
 *   transactions, in any process, cannot interleave.
 */
export async function projectIsLive(id: string, lock?: "share" | "update"): Promise<boolean> {
  let q = db().selectFrom("projects").select("id").where("id", "=", id).where("deletedAt", "is", null);
  if (lock && dbDialect() === "postgres") q = lock === "share" ? q.forShare() : q.forUpdate();
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertProject(name: string, createdBy: string | null): Promise<ProjectRow> {
  const now = nowIso();
  const row = { id: newId("prj"), name, createdAt: now, updatedAt: now, createdBy };
  await db()
    .insertInto("projects")
    .values({ ...row, deletedAt: null })
    .execute();
  return { ...row, assetCount: 0 };
}

export async function renameProject(id: string, name: string): Promise<ProjectRow | undefined> {
  const res = await db()
    .updateTable("projects")
    .set({ name, updatedAt: nowIso() })
    .where("id", "=", id)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) ? getProject(id) : undefined;
}

/** Hide a project and its assets in one transaction (step 1 of a delete). False when it does not exist. */
export async function markProjectDeleted(id: string): Promise<boolean> {
  return transaction(async (tx) => {
    const now = nowIso();
    const res = await tx
      .updateTable("projects")
      .set({ deletedAt: now })
      .where("id", "=", id)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return false;
    await tx
      .updateTable("assets")
      .set({ deletedAt: now })
      .where("projectId", "=", id)
      .where("deletedAt", "is", null)
      .execute();
    return true;
  });
}

/** Every storage key of a project: its assets' (hidden or not) and its running jobs' previews. */
export async function listProjectFileKeys(id: string): Promise<string[]> {
  const files = (
    await db().selectFrom("assets").select(["fileKey", "thumbKey"]).where("projectId", "=", id).execute()
  ).flatMap((a) => (a.thumbKey ? [a.fileKey, a.thumbKey] : [a.fileKey]));
  const previews = (
    await db().selectFrom("generations").select("previewKeys").where("projectId", "=", id).execute()
  ).flatMap((g) => fromJson<string[]>(g.previewKeys));
  return [...files, ...previews];
}

/** The project's queued and running jobs (a delete stops their upstream work). */
export async function listActiveGenerationIds(id: string): Promise<string[]> {
  const rows = await db()
    .selectFrom("generations")
    .select("id")
    .where("projectId", "=", id)
    .where("status", "in", ["queued", "running"])
    .execute();
  return rows.map((g) => g.id);
}

/** Final step of a delete, after the files are gone: the rows (generations and assets cascade; assets' sessions first). */
export async function purgeProject(id: string): Promise<void> {
  await deleteProjectAssetSessions(id);
  await db().deleteFrom("projects").where("id", "=", id).execute();
}

/** Projects whose delete was interrupted (boot finishes them). */
export async function listDeletedProjectIds(): Promise<string[]> {
  const rows = await db().selectFrom("projects").select("id").where("deletedAt", "is not", null).execute();
  return rows.map((r) => r.id);
}
