import "server-only";
import type { AssetSession, SessionKind } from "@/lib/canvas/sessions";
import { db, dbDialect, transaction } from "./client";
import { chunks, fromJson } from "./json";
import type { Raw } from "./tables";
import { nowIso } from "./time";

/*
 * An asset's editor sessions (docs/api.md "Assets": `…/sessions/:kind`): one row per (asset, kind), its `data`
 * the session's JSON as the browser sent it, `version` counting the saves. A save names the version it was
 * based on and lands only if that is still the stored one (compare-and-set in the UPDATE's WHERE): two browsers
 * saving from the same version cannot both win, on SQLite or on PostgreSQL.
 */

const toSession = (r: Raw<"assetSessions">): AssetSession => ({
  kind: r.kind,
  data: fromJson<Record<string, unknown>>(r.data),
  version: Number(r.version),
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
});

/** The visible asset's kind, or undefined when it is unknown or deleted. */
async function liveAssetKind(assetId: string, lock: boolean): Promise<string | undefined> {
  let q = db().selectFrom("assets").select("kind").where("id", "=", assetId).where("deletedAt", "is", null);
  // Held until the commit (PostgreSQL; SQLite runs one writing transaction at a time): a delete's hide waits for
  // this save, and its purge, which comes after, then removes the row this save wrote.
  if (lock && dbDialect() === "postgres") q = q.forShare();
  return (await q.executeTakeFirst())?.kind;
}

/** Whether an asset can have sessions: it exists, is not deleted and is not a mask. */
export async function sessionAssetExists(assetId: string): Promise<boolean> {
  const kind = await liveAssetKind(assetId, false);
  return kind !== undefined && kind !== "mask";
}

export async function getAssetSession(assetId: string, kind: SessionKind): Promise<AssetSession | null> {
  const r = await db()
    .selectFrom("assetSessions")
    .selectAll()
    .where("assetId", "=", assetId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return r ? toSession(r) : null;
}

export type SaveSessionResult =
  | { ok: true; session: AssetSession }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: AssetSession | null };

/**
 * Store `data` (JSON text) as the asset's `kind` session if `baseVersion` is the stored version (null: none
 * stored yet); the stored session then has the next version. Otherwise a conflict carrying what is stored.
 */
export async function saveAssetSession(
  assetId: string,
  kind: SessionKind,
  data: string,
  baseVersion: number | null,
  userId: string | null,
): Promise<SaveSessionResult> {
  return transaction(async () => {
    const assetKind = await liveAssetKind(assetId, true);
    if (assetKind === undefined || assetKind === "mask") return { ok: false, reason: "not_found" };
    const updatedAt = nowIso();
    const row =
      baseVersion === null
        ? await db()
            .insertInto("assetSessions")
            .values({ assetId, kind, data, version: 1, updatedAt, updatedBy: userId })
            .onConflict((oc) => oc.columns(["assetId", "kind"]).doNothing())
            .returningAll()
            .executeTakeFirst()
        : await db()
            .updateTable("assetSessions")
            .set({ data, version: baseVersion + 1, updatedAt, updatedBy: userId })
            .where("assetId", "=", assetId)
            .where("kind", "=", kind)
            .where("version", "=", baseVersion)
            .returningAll()
            .executeTakeFirst();
    if (row) return { ok: true, session: toSession(row) };
    return { ok: false, reason: "conflict", current: await getAssetSession(assetId, kind) };
  });
}

/** With the asset rows of a purge (the foreign key would cascade too; this does not depend on it). */
export async function deleteAssetSessions(assetIds: string[]): Promise<void> {
  for (const part of chunks(assetIds)) await db().deleteFrom("assetSessions").where("assetId", "in", part).execute();
}

/** With a project's purge: the sessions of all its assets. */
export async function deleteProjectAssetSessions(projectId: string): Promise<void> {
  await db()
    .deleteFrom("assetSessions")
    .where("assetId", "in", db().selectFrom("assets").select("id").where("projectId", "=", projectId))
    .execute();
}
