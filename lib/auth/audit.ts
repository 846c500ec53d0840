import "server-only";
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { AuditAction, AuditEvent, AuditTargetType } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
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
 * Write one audit event. Call it inside the transaction of the change it records (better-sqlite3 runs
 * every statement of the callback on one connection), so a failed change leaves no event and an event
 * never lacks its change. `actor` null: the system itself (e.g. a failed sign-in of nobody).
 */
export function recordAudit(actor: Actor | null, input: AuditInput): AuditEvent {
  const row = {
    id: newId("aud"),
    at: nowIso(),
    userId: actor?.userId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetIds: input.targetIds,
    details: { ...(actor ? { via: actor.via } : {}), ...input.details },
  };
  db().insert(auditEvents).values(row).run();
  return row;
}

/**
 * Run a synchronous change and its audit event in one transaction; the event is written only if `change`
 * returns, and not at all when `event` answers null (the change turned out to change nothing).
 */
export function audited<T>(actor: Actor | null, change: () => T, event: (result: T) => AuditInput | null): T {
  return db().transaction(() => {
    const result = change();
    const input = event(result);
    if (input) recordAudit(actor, input);
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
export function listAudit(q: AuditQuery): { events: AuditEvent[]; nextCursor: string | null } {
  const where: SQL[] = [];
  if (q.action) where.push(eq(auditEvents.action, q.action));
  if (q.userId) where.push(eq(auditEvents.userId, q.userId));
  if (q.from) where.push(gte(auditEvents.at, new Date(q.from).toISOString()));
  if (q.to) where.push(lte(auditEvents.at, new Date(q.to).toISOString()));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(or(lt(auditEvents.at, c.at), and(eq(auditEvents.at, c.at), lt(auditEvents.id, c.id))) as SQL);
  }
  const rows = db()
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.limit + 1)
    .all() as AuditEvent[];
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { events: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
