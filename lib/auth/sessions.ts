import "server-only";
import type { SessionInfo } from "@/lib/contracts/access";
import { db, transaction } from "@/lib/db/client";
import { isoOf } from "@/lib/db/json";
import { notFound } from "@/lib/errors";
import { recordAudit } from "./audit";
import type { Actor } from "./principal";

export async function listSessions(userId: string, currentId: string | null): Promise<SessionInfo[]> {
  const rows = await db().selectFrom("sessions").selectAll().where("userId", "=", userId).execute();
  const now = Date.now();
  return rows
    .map((s) => ({
      id: s.id,
      createdAt: isoOf(s.createdAt),
      lastSeenAt: isoOf(s.updatedAt),
      expiresAt: isoOf(s.expiresAt),
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      current: s.id === currentId,
    }))
    .filter((s) => Date.parse(s.expiresAt) > now)
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
}

/** End one of the user's sessions (404 for anyone else's), with its audit event. */
export async function revokeSession(actor: Actor, userId: string, id: string): Promise<void> {
  await transaction(async () => {
    const res = await db().deleteFrom("sessions").where("id", "=", id).where("userId", "=", userId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound("session", id);
    await recordAudit(actor, { action: "session.revoke", targetType: "session", targetIds: [id], details: { userId } });
  });
}

/** Sign out everywhere: every session of the user, this one included. */
export async function revokeAllSessions(actor: Actor, userId: string): Promise<number> {
  return transaction(async () => {
    const ids = await db().selectFrom("sessions").select("id").where("userId", "=", userId).execute();
    await db().deleteFrom("sessions").where("userId", "=", userId).execute();
    await recordAudit(actor, {
      action: "session.revoke",
      targetType: "session",
      targetIds: ids.map((s) => s.id),
      details: { userId, all: true },
    });
    return ids.length;
  });
}
