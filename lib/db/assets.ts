import "server-only";
import type { AssetKind } from "@/lib/contracts/assets";
import { publish } from "@/lib/events/bus";
import { deleteAssetSessions } from "./asset-sessions";
import { db, transaction } from "./client";
import { projectIsLive } from "./projects";
import { chunks, fromJson, fromJsonOrNull, toJson, toJsonOrNull } from "./json";
import type { Raw } from "./tables";
import { nowIso } from "./time";

export interface AssetRow extends Omit<Raw<"assets">, "params" | "parentAssetIds"> {
  params: Record<string, unknown> | null;
  parentAssetIds: string[];
}
/** The columns an insert may leave out (null unless given). */
type OptionalAssetColumns =
  | "generationId"
  | "prompt"
  | "revisedPrompt"
  | "model"
  | "params"
  | "thumbKey"
  | "createdBy"
  | "deletedAt"
  | "originalName";
export type NewAssetRow = Omit<AssetRow, OptionalAssetColumns> & Partial<Pick<AssetRow, OptionalAssetColumns>>;

export const toAssetRow = (r: Raw<"assets">): AssetRow => ({
  ...r,
  params: fromJsonOrNull(r.params),
  parentAssetIds: fromJson(r.parentAssetIds),
  originalName: r.originalName ?? null,
});

const toRaw = (row: NewAssetRow): Raw<"assets"> => ({
  generationId: null,
  prompt: null,
  revisedPrompt: null,
  model: null,
  thumbKey: null,
  createdBy: null,
  deletedAt: null,
  originalName: null,
  ...row,
  params: toJsonOrNull(row.params),
  parentAssetIds: toJson(row.parentAssetIds),
});

/** The insert of one asset row, for transactions that insert it with other changes. */
export async function insertAssetRow(row: NewAssetRow): Promise<AssetRow> {
  return toAssetRow(await db().insertInto("assets").values(toRaw(row)).returningAll().executeTakeFirstOrThrow());
}

/** Many rows at once, in multi-row statements (imports, seeding; no project check: the caller's job). */
export async function insertAssetRows(rows: NewAssetRow[]): Promise<void> {
  await transaction(async () => {
    for (const part of chunks(rows, 200)) await db().insertInto("assets").values(part.map(toRaw)).execute();
  });
}

/**
 * Insert a project's new assets in one transaction, with `alongside` (the audit event) in it too: others
 * see all of them or none. Undefined, with nothing inserted, when the project is gone or being deleted
 * (never a foreign-key failure); the caller removes the files it wrote for them.
 */
export async function insertProjectAssets(
  projectId: string,
  rows: NewAssetRow[],
  alongside: (inserted: AssetRow[]) => Promise<void> = async () => {},
): Promise<AssetRow[] | undefined> {
  return transaction(async () => {
    if (!(await projectIsLive(projectId, "share"))) return undefined;
    const inserted: AssetRow[] = [];
    for (const row of rows) {
      if (row.projectId !== projectId) throw new Error("asset row of another project");
      inserted.push(await insertAssetRow(row));
    }
    await alongside(inserted);
    await publish(
      projectId,
      "asset.created",
      inserted.map((a) => a.id),
      inserted[0]?.createdBy ?? null,
    );
    return inserted;
  });
}

export async function getAsset(id: string): Promise<AssetRow | undefined> {
  const r = await db()
    .selectFrom("assets")
    .selectAll()
    .where("id", "=", id)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  return r && toAssetRow(r);
}

/** Visible assets among `ids` (any number), in no particular order. */
export async function getAssets(ids: string[]): Promise<AssetRow[]> {
  const out: AssetRow[] = [];
  for (const part of chunks(ids)) {
    const rows = await db()
      .selectFrom("assets")
      .selectAll()
      .where("id", "in", part)
      .where("deletedAt", "is", null)
      .execute();
    for (const r of rows) out.push(toAssetRow(r));
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
export async function listAssetPage(q: AssetPageQuery): Promise<AssetRow[]> {
  let query = db().selectFrom("assets").selectAll().where("projectId", "=", q.projectId).where("deletedAt", "is", null);
  if (q.kind) query = query.where("kind", "=", q.kind);
  if (q.after) {
    const a = q.after;
    // A row-value comparison lets SQLite and PostgreSQL seek the composite index instead of scanning.
    query = query.where((eb) => eb(eb.refTuple("createdAt", "id"), "<", eb.tuple(a.createdAt, a.id)));
  }
  const rows = await query.orderBy("createdAt", "desc").orderBy("id", "desc").limit(q.limit).execute();
  return rows.map(toAssetRow);
}

/** Assets of a project, newest first (exports of a whole project). */
export async function listProjectAssets(projectId: string): Promise<AssetRow[]> {
  const rows = await db()
    .selectFrom("assets")
    .selectAll()
    .where("projectId", "=", projectId)
    .where("deletedAt", "is", null)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toAssetRow);
}

/** Visible result assets of each generation, in creation order: one query for a whole list. */
export async function listGenerationAssetIds(generationIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(generationIds.map((id) => [id, []]));
  for (const part of chunks(generationIds)) {
    const rows = await db()
      .selectFrom("assets")
      .select(["id", "generationId"])
      .where("generationId", "in", part)
      .where("deletedAt", "is", null)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    for (const r of rows) out.get(r.generationId!)?.push(r.id);
  }
  return out;
}

/**
 * Step 1 of a delete, by `actorId`: hide the visible rows among `ids` in one transaction (announced per
 * project); returns the rows hidden.
 */
export async function hideAssets(
  ids: string[],
  check: (rows: AssetRow[]) => void = () => {},
  actorId: string | null = null,
): Promise<AssetRow[]> {
  if (ids.length === 0) return [];
  return transaction(async () => {
    const rows = await getAssets(ids);
    // Inside the transaction: what is checked (e.g. who created it) is what gets hidden.
    check(rows);
    const now = nowIso();
    for (const part of chunks(rows.map((r) => r.id))) {
      await db().updateTable("assets").set({ deletedAt: now }).where("id", "in", part).execute();
    }
    const byProject = new Map<string, string[]>();
    for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r.id]);
    for (const [projectId, hidden] of byProject) await publish(projectId, "asset.deleted", hidden, actorId);
    return rows;
  });
}

/** Last step of a delete, after the files are gone. */
export async function purgeAssets(ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await deleteAssetSessions(part);
    await db().deleteFrom("assets").where("id", "in", part).execute();
  }
}

/** Hidden rows whose files may still exist (a crash mid-delete); boot finishes them. */
export async function listHiddenAssets(): Promise<AssetRow[]> {
  const rows = await db().selectFrom("assets").selectAll().where("deletedAt", "is not", null).execute();
  return rows.map(toAssetRow);
}

/** Every storage key referenced by an asset row (hidden rows included: their files are still owned). */
export async function allAssetStorageKeys(): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const a of await db().selectFrom("assets").select(["fileKey", "thumbKey"]).execute()) {
    keys.add(a.fileKey);
    if (a.thumbKey) keys.add(a.thumbKey);
  }
  return keys;
}

/** The newest few pictures of a project (masks excluded), for project covers. */
export async function latestPictureIds(projectId: string, n: number): Promise<string[]> {
  const rows = await db()
    .selectFrom("assets")
    .select("id")
    .where("projectId", "=", projectId)
    .where("deletedAt", "is", null)
    .where("kind", "<>", "mask")
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(n)
    .execute();
  return rows.map((r) => r.id);
}
