import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { ApiToken } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { nowIso } from "@/lib/db/time";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { audited } from "./audit";
import type { Actor } from "./principal";

export const TOKEN_PREFIX = "atl_";
/** `lastUsedAt` is written at most this often per token, so a busy script does not turn every read into a write. */
const LAST_USED_GRANULARITY_MS = 60_000;

type TokenRow = typeof apiTokens.$inferSelect;

const hashOf = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.userId,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/** A new token for `userId`: 32 random bytes, shown once; only its SHA-256 is stored. */
export function createToken(actor: Actor, userId: string, name: string): { token: ApiToken; secret: string } {
  const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return audited(
    actor,
    () => {
      if (!db().select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw notFound("user", userId);
      const row: TokenRow = {
        id: newId("tok"),
        name,
        userId,
        hash: hashOf(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: nowIso(),
        lastUsedAt: null,
      };
      db().insert(apiTokens).values(row).run();
      return { token: toToken(row), secret };
    },
    ({ token }) => ({ action: "token.create", targetType: "token", targetIds: [token.id], details: { userId, name } }),
  );
}

/** Tokens of one user, or everyone's (`userId` undefined), newest first. */
export function listTokens(userId?: string): ApiToken[] {
  return db()
    .select()
    .from(apiTokens)
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all()
    .map(toToken);
}

export function findToken(id: string): ApiToken {
  const row = db().select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!row) throw notFound("token", id);
  return toToken(row);
}

export function deleteToken(actor: Actor, token: ApiToken): void {
  audited(
    actor,
    () => db().delete(apiTokens).where(eq(apiTokens.id, token.id)).run(),
    () => ({ action: "token.delete", targetType: "token", targetIds: [token.id], details: { userId: token.userId } }),
  );
}

/** The token a secret names, with its user; undefined for anything unknown. Marks it used. */
export function tokenUser(secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const hit = db()
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.hash, hashOf(secret)))
    .get();
  if (!hit) return undefined;
  const now = Date.now();
  const stale = new Date(now - LAST_USED_GRANULARITY_MS).toISOString();
  db()
    .update(apiTokens)
    .set({ lastUsedAt: new Date(now).toISOString() })
    .where(and(eq(apiTokens.id, hit.token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))))
    .run();
  return hit;
}
