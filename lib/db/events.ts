import "server-only";
import type { LiveEventType } from "@/lib/contracts/events";
import { db } from "./client";
import { fromJson, toJson } from "./json";
import { nowIso } from "./time";

/** One logged event: what changed (type + ids), in which project, by whom. Its payload is read when sent. */
export interface EventRow {
  id: number;
  projectId: string;
  type: LiveEventType;
  subjectIds: string[];
  actorId: string | null;
  createdAt: string;
}

const toRow = (r: {
  id: number;
  projectId: string;
  type: LiveEventType;
  subjectIds: string;
  actorId: string | null;
  createdAt: string;
}): EventRow => ({ ...r, id: Number(r.id), subjectIds: fromJson<string[]>(r.subjectIds) });

export async function insertEvent(
  projectId: string,
  type: LiveEventType,
  subjectIds: string[],
  actorId: string | null,
): Promise<EventRow> {
  const row = { projectId, type, subjectIds: toJson(subjectIds), actorId, createdAt: nowIso() };
  const { id } = await db().insertInto("events").values(row).returning("id").executeTakeFirstOrThrow();
  return toRow({ ...row, id });
}

/** A project's events after `afterId`, oldest first, at most `limit`. */
export async function eventsAfter(projectId: string, afterId: number, limit: number): Promise<EventRow[]> {
  const rows = await db()
    .selectFrom("events")
    .selectAll()
    .where("projectId", "=", projectId)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** The log's first and last ids (0 when empty). */
export async function eventIdRange(): Promise<{ first: number; last: number }> {
  const r = await db()
    .selectFrom("events")
    .select((eb) => [eb.fn.min<number>("id").as("first"), eb.fn.max<number>("id").as("last")])
    .executeTakeFirst();
  return { first: Number(r?.first ?? 0), last: Number(r?.last ?? 0) };
}

/**
 * Forget events older than `beforeIso`, and beyond the newest `keep`; returns how many went. The newest
 * always stays: the first id left tells a reconnecting client whether it missed pruned events.
 */
export async function pruneEvents(beforeIso: string, keep: number): Promise<number> {
  const { last } = await eventIdRange();
  const res = await db()
    .deleteFrom("events")
    .where((eb) => eb.or([eb("createdAt", "<", beforeIso), eb("id", "<=", last - keep)]))
    .where("id", "<", last)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The rows of `ids` that are still logged, in id order. */
export async function eventsById(ids: number[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  const rows = await db().selectFrom("events").selectAll().where("id", "in", ids).orderBy("id").execute();
  return rows.map(toRow);
}
