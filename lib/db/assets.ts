import "server-only";
import type { AssetKind } from "@/lib/contracts/assets";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "./client";
import { assets, projects } from "./schema";
import { nowIso } from "./time";

export type AssetRow = typeof assets.$inferSelect;
export type NewAssetRow = typeof assets.$inferInsert;

const visible = isNull(assets.deletedAt);

/**
 * True while the project exists and no delete has begun. Asked inside the transaction that inserts a
 * project's assets (better-sqlite3 runs the callback's statements on one connection): a project delete
 * hides the project in a transaction of its own and then lists its files, so it sees every row that
 * committed before it — and removes their files — while every insert after it is refused here.
 */
export function projectIsLive(projectId: string): boolean {
  return (
    db()
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, projectId), isNull(projects.deletedAt)))
      .get() !== undefined
  );
}

/**
 * Insert a project's new assets in one transaction, with `alongside` (the audit event) in it too: others
 * see all of them or none. Undefined, with nothing inserted, when the project is gone or being deleted
 * (never a foreign-key failure); the caller removes the files it wrote for them.
 */
export function insertProjectAssets(
  projectId: string,
  rows: NewAssetRow[],
  alongside: (inserted: AssetRow[]) => void = () => {},
): AssetRow[] | undefined {
  return db().transaction((tx) => {
    if (!projectIsLive(projectId)) return undefined;
    const inserted = rows.map((row) => {
      if (row.projectId !== projectId) throw new Error("asset row of another project");
      return tx.insert(assets).values(row).returning().get();
    });
    alongside(inserted);
    return inserted;
  });
}

export function getAsset(id: string): AssetRow | undefined {
  return db()
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), visible))
    .get();
}

/** SQLite caps bound variables per statement; long id lists are read in chunks of this size. */
const ID_CHUNK = 900;

/** Visible assets among `ids` (any number), in no particular order. */
export function getAssets(ids: string[]): AssetRow[] {
  const out: AssetRow[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    out.push(
      ...db()
        .select()
        .from(assets)
        .where(and(inArray(assets.id, ids.slice(i, i + ID_CHUNK)), visible))
        .all(),
    );
  }
  return out;
}

export interface AssetPageQuery {
  projectId: string;
  limit: number;
  kind?: AssetKind;
  /** Keyset position: the last row of the previous page. */
  after?: { createdAt: string; id: string };
}

/** Newest first, keyset-paginated on (created_at, id): constant cost per page however deep. */
export function listAssetPage(q: AssetPageQuery): AssetRow[] {
  const conds = [eq(assets.projectId, q.projectId), visible];
  if (q.kind) conds.push(eq(assets.kind, q.kind));
  if (q.after) {
    const a = q.after;
    // A row-value comparison lets SQLite (and PostgreSQL) seek the composite index instead of scanning.
    conds.push(sql`(${assets.createdAt}, ${assets.id}) < (${a.createdAt}, ${a.id})`);
  }
  return db()
    .select()
    .from(assets)
    .where(and(...conds))
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(q.limit)
    .all();
}

/** Assets of a project in creation order (exports of a whole project). */
export function listProjectAssets(projectId: string): AssetRow[] {
  return db()
    .select()
    .from(assets)
    .where(and(eq(assets.projectId, projectId), visible))
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .all();
}

/** Visible result assets of each generation, in creation order: one query for a whole list. */
export function listGenerationAssetIds(generationIds: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(generationIds.map((id) => [id, []]));
  if (generationIds.length === 0) return out;
  const rows = db()
    .select({ id: assets.id, generationId: assets.generationId })
    .from(assets)
    .where(and(inArray(assets.generationId, generationIds), visible))
    .orderBy(assets.createdAt, assets.id)
    .all();
  for (const r of rows) out.get(r.generationId!)?.push(r.id);
  return out;
}

/** Step 1 of a delete: hide the visible rows among `ids` in one transaction; returns the rows hidden. */
export function hideAssets(ids: string[], check: (rows: AssetRow[]) => void = () => {}): AssetRow[] {
  if (ids.length === 0) return [];
  return db().transaction((tx) => {
    const rows = tx
      .select()
      .from(assets)
      .where(and(inArray(assets.id, ids), visible))
      .all();
    // Inside the transaction: what is checked (e.g. who created it) is what gets hidden.
    check(rows);
    if (rows.length)
      tx.update(assets)
        .set({ deletedAt: nowIso() })
        .where(
          inArray(
            assets.id,
            rows.map((r) => r.id),
          ),
        )
        .run();
    return rows;
  });
}

/** Last step of a delete, after the files are gone. */
export function purgeAssets(ids: string[]): void {
  if (ids.length) db().delete(assets).where(inArray(assets.id, ids)).run();
}

/** Hidden rows whose files may still exist (a crash mid-delete); boot finishes them. */
export function listHiddenAssets(): AssetRow[] {
  return db()
    .select()
    .from(assets)
    .where(sql`${assets.deletedAt} is not null`)
    .all();
}

/** Every storage key referenced by an asset row (hidden rows included: their files are still owned). */
export function allAssetStorageKeys(): Set<string> {
  const keys = new Set<string>();
  for (const a of db().select({ fileKey: assets.fileKey, thumbKey: assets.thumbKey }).from(assets).all()) {
    keys.add(a.fileKey);
    if (a.thumbKey) keys.add(a.thumbKey);
  }
  return keys;
}

/** The newest few pictures of a project (masks excluded), for project covers. */
export function latestPictureIds(projectId: string, n: number): string[] {
  return db()
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.projectId, projectId), visible, sql`${assets.kind} <> 'mask'`))
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(n)
    .all()
    .map((r) => r.id);
}
