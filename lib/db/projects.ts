import "server-only";
import { sql } from "kysely";
import { newId } from "@/lib/ids";
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

function projectsWithCount() {
  return db()
    .selectFrom("projects as p")
    .select(["p.id", "p.name", "p.createdAt", "p.updatedAt", "p.createdBy"])
    .select((eb) =>
      eb
        .selectFrom("assets as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.projectId", "=", "p.id")
        .where("a.deletedAt", "is", null)
        .as("assetCount"),
    )
    .where("p.deletedAt", "is", null);
}

const withCount = (r: Omit<ProjectRow, "assetCount"> & { assetCount: number | null }): ProjectRow => ({
  ...r,
  assetCount: Number(r.assetCount ?? 0),
});

export async function listProjects(): Promise<ProjectRow[]> {
  const rows = await projectsWithCount().orderBy("p.createdAt", "desc").orderBy("p.id", "desc").execute();
  return rows.map(withCount);
}

export async function getProject(id: string): Promise<ProjectRow | undefined> {
  const r = await projectsWithCount().where("p.id", "=", id).executeTakeFirst();
  return r && withCount(r);
}

/**
 * Inside a transaction: true while the project is live, and (PostgreSQL) its row locked until the commit,
 * so checks on its contents (the active-job limit) and the insert they guard cannot interleave with
 * another transaction's, in any process. SQLite runs one writing transaction at a time anyway.
 */
export async function lockLiveProject(id: string): Promise<boolean> {
  let q = db().selectFrom("projects").select("id").where("id", "=", id).where("deletedAt", "is", null);
  if (dbDialect() === "postgres") q = q.forUpdate();
  return (await q.executeTakeFirst()) !== undefined;
}

/** Existence only: no asset count (that is a scan of the project's assets). */
export async function projectExists(id: string): Promise<boolean> {
  const r = await db()
    .selectFrom("projects")
    .select("id")
    .where("id", "=", id)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  return r !== undefined;
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

/** Final step of a delete, after the files are gone: the rows (generations and assets cascade). */
export async function purgeProject(id: string): Promise<void> {
  await db().deleteFrom("projects").where("id", "=", id).execute();
}

/** Projects whose delete was interrupted (boot finishes them). */
export async function listDeletedProjectIds(): Promise<string[]> {
  const rows = await db().selectFrom("projects").select("id").where("deletedAt", "is not", null).execute();
  return rows.map((r) => r.id);
}
