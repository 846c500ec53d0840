import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { db } from "./client";
import { assets, generations, projects } from "./schema";
import { nowIso } from "./time";

export interface ProjectRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  assetCount: number;
  createdBy: string | null;
}

// Qualified by hand: drizzle renders bare column names inside sql``, which the subquery would bind to `assets`.
const assetCount = sql<number>`(select count(*) from "assets" a where a."project_id" = "projects"."id" and a."deleted_at" is null)`;

const columns = {
  id: projects.id,
  name: projects.name,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  createdBy: projects.createdBy,
  assetCount,
};

export function listProjects(): ProjectRow[] {
  return db()
    .select(columns)
    .from(projects)
    .where(isNull(projects.deletedAt))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .all();
}

export function getProject(id: string): ProjectRow | undefined {
  return db()
    .select(columns)
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
    .get();
}

/** Existence only: no asset count (that is a scan of the project's assets). */
export function projectExists(id: string): boolean {
  return (
    db()
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
      .get() !== undefined
  );
}

export function insertProject(name: string, createdBy: string | null): ProjectRow {
  const now = nowIso();
  const row = { id: newId("prj"), name, createdAt: now, updatedAt: now, createdBy };
  db().insert(projects).values(row).run();
  return { ...row, assetCount: 0 };
}

export function renameProject(id: string, name: string): ProjectRow | undefined {
  const res = db()
    .update(projects)
    .set({ name, updatedAt: nowIso() })
    .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
    .run();
  return res.changes ? getProject(id) : undefined;
}

/** Hide a project and its assets in one transaction (step 1 of a delete). False when it does not exist. */
export function markProjectDeleted(id: string): boolean {
  return db().transaction((tx) => {
    const now = nowIso();
    const res = tx
      .update(projects)
      .set({ deletedAt: now })
      .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
      .run();
    if (!res.changes) return false;
    tx.update(assets)
      .set({ deletedAt: now })
      .where(and(eq(assets.projectId, id), isNull(assets.deletedAt)))
      .run();
    return true;
  });
}

/** Every storage key of a project: its assets' (hidden or not) and its running jobs' previews. */
export function listProjectFileKeys(id: string): string[] {
  const files = db()
    .select({ fileKey: assets.fileKey, thumbKey: assets.thumbKey })
    .from(assets)
    .where(eq(assets.projectId, id))
    .all()
    .flatMap((a) => (a.thumbKey ? [a.fileKey, a.thumbKey] : [a.fileKey]));
  const previews = db()
    .select({ keys: generations.previewKeys })
    .from(generations)
    .where(eq(generations.projectId, id))
    .all()
    .flatMap((g) => g.keys);
  return [...files, ...previews];
}

/** The project's queued and running jobs (a delete stops their upstream work). */
export function listActiveGenerationIds(id: string): string[] {
  return db()
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.projectId, id), inArray(generations.status, ["queued", "running"])))
    .all()
    .map((g) => g.id);
}

/** Final step of a delete, after the files are gone: the rows (generations and assets cascade). */
export function purgeProject(id: string): void {
  db().delete(projects).where(eq(projects.id, id)).run();
}

/** Projects whose delete was interrupted (boot finishes them). */
export function listDeletedProjectIds(): string[] {
  return db()
    .select({ id: projects.id })
    .from(projects)
    .where(sql`${projects.deletedAt} is not null`)
    .all()
    .map((r) => r.id);
}
