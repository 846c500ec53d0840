import "server-only";
import type { AuditAction, AuditEvent, AuditTargetType } from "@/lib/contracts/access";
import { db, transaction } from "@/lib/db/client";
import { fromJson, toJson } from "@/lib/db/json";
import { nowIso } from "@/lib/db/time";
import { invalidRequest } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "./principal";

export interface AuditInput {
  action: AuditAction;
  targetType: AuditTargetType;
  targetIds: string[];
  details?: Record<string, unknown>;
}

/**
 * Write one audit event. Call it inside the transaction of the change it records (`db()` there is that
 * transaction), so a failed change leaves no event and an event never lacks its change. `actor` null: the
 * system itself (e.g. a failed sign-in of nobody).
 */
export async function recordAudit(actor: Actor | null, input: AuditInput): Promise<AuditEvent> {
  const row = {
    id: newId("aud"),
    at: nowIso(),
    userId: actor?.userId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetIds: input.targetIds,
    details: { ...(actor ? { via: actor.via } : {}), ...input.details },
  };
  await db()
    .insertInto("auditEvents")
    .values({ ...row, targetIds: toJson(row.targetIds), details: toJson(row.details) })
    .execute();
  return row;
}

/**
 * Run a change and its audit event in one transaction; the event is written only if `change` returns, and
 * not at all when `event` answers null (the change turned out to change nothing). `change` should only
 * query (the transaction holds SQLite's one connection while it runs).
 */
export async function audited<T>(
  actor: Actor | null,
  change: () => Promise<T>,
  event: (result: T) => AuditInput | null,
): Promise<T> {
  return transaction(async () => {
    const result = await change();
    const input = event(result);
    if (input) await recordAudit(actor, input);
    return result;
  });
}

export interface AuditQuery {
  limit: number;
  cursor?: string;
  action?: AuditAction;
  userId?: string;
  from?: string;
  to?: string;
}

const encodeCursor = (e: { at: string; id: string }) => Buffer.from(`${e.at}|${e.id}`).toString("base64url");

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)))
    throw invalidRequest("Bad cursor", [{ path: "cursor", message: "unknown cursor" }]);
  return { at, id };
}

/** Newest first, keyset-paged on (at, id), filtered by action, user and time range. */
export async function listAudit(q: AuditQuery): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  let query = db().selectFrom("auditEvents").selectAll();
  if (q.action) query = query.where("action", "=", q.action);
  if (q.userId) query = query.where("userId", "=", q.userId);
  if (q.from) query = query.where("at", ">=", new Date(q.from).toISOString());
  if (q.to) query = query.where("at", "<=", new Date(q.to).toISOString());
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) => eb(eb.refTuple("at", "id"), "<", eb.tuple(c.at, c.id)));
  }
  const raw = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
  const rows = raw.map(
    (r) =>
      ({
        ...r,
        targetIds: fromJson<string[]>(r.targetIds),
        details: fromJson<Record<string, unknown>>(r.details),
      }) as AuditEvent,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { events: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/**
 * The newest event of `action` naming `targetId`, with the name of its user (null for the admin token or a
 * deleted user). A scan of that action's events: for a page about one thing, not for lists.
 */
export async function latestAuditOf(
  action: AuditAction,
  targetId: string,
): Promise<{ event: AuditEvent; userName: string | null } | undefined> {
  const row = await db()
    .selectFrom("auditEvents")
    .leftJoin("users", "users.id", "auditEvents.userId")
    .selectAll("auditEvents")
    .select("users.name as userName")
    .where("auditEvents.action", "=", action)
    // target_ids is a JSON array of ids, which are [0-9a-z_] only: the quoted id cannot match part of another.
    .where("auditEvents.targetIds", "like", `%${JSON.stringify(targetId)}%`)
    .orderBy("auditEvents.at", "desc")
    .executeTakeFirst();
  if (!row) return undefined;
  const event: AuditEvent = {
    id: row.id,
    at: row.at,
    userId: row.userId,
    action: row.action as AuditAction,
    targetType: row.targetType,
    targetIds: fromJson<string[]>(row.targetIds),
    details: fromJson<Record<string, unknown>>(row.details),
  };
  return { event, userName: row.userName ?? null };
}
