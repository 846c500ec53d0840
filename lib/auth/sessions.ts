import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { recordAudit } from "./audit";
import type { Actor } from "./principal";

import type { SessionInfo } from "@/lib/contracts/access";

export function listSessions(userId: string, currentId: string | null): SessionInfo[] {
  return db()
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.updatedAt))
    .all()
    .filter((s) => s.expiresAt.getTime() > Date.now())
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.updatedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      current: s.id === currentId,
    }));
}

/** End one of the user's sessions (404 for anyone else's), with its audit event. */
export function revokeSession(actor: Actor, userId: string, id: string): void {
  db().transaction(() => {
    const res = db()
      .delete(sessions)
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
      .run();
    if (res.changes === 0) throw notFound("session", id);
    recordAudit(actor, { action: "session.revoke", targetType: "session", targetIds: [id], details: { userId } });
  });
}

/** Sign out everywhere: every session of the user, this one included. */
export function revokeAllSessions(actor: Actor, userId: string): number {
  return db().transaction(() => {
    const ids = db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
    db().delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(actor, {
      action: "session.revoke",
      targetType: "session",
      targetIds: ids.map((s) => s.id),
      details: { userId, all: true },
    });
    return ids.length;
  });
}
