import "server-only";
import crypto from "node:crypto";
import type { ApiToken } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import type { Raw } from "@/lib/db/tables";
import { nowIso } from "@/lib/db/time";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { audited } from "./audit";
import type { Actor } from "./principal";
import { findUserRow, type UserRow } from "./users";

export const TOKEN_PREFIX = "atl_";
/** `lastUsedAt` is written at most this often per token, so a busy script does not turn every read into a write. */
const LAST_USED_GRANULARITY_MS = 60_000;

type TokenRow = Raw<"apiTokens">;

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
export async function createToken(
  actor: Actor,
  userId: string,
  name: string,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return audited(
    actor,
    async () => {
      if (!(await db().selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst())) {
        throw notFound("user", userId);
      }
      const row: TokenRow = {
        id: newId("tok"),
        name,
        userId,
        hash: hashOf(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: nowIso(),
        lastUsedAt: null,
      };
      await db().insertInto("apiTokens").values(row).execute();
      return { token: toToken(row), secret };
    },
    ({ token }) => ({ action: "token.create", targetType: "token", targetIds: [token.id], details: { userId, name } }),
  );
}

/** Tokens of one user, or everyone's (`userId` undefined), newest first. */
export async function listTokens(userId?: string): Promise<ApiToken[]> {
  let q = db().selectFrom("apiTokens").selectAll();
  if (userId) q = q.where("userId", "=", userId);
  const rows = await q.orderBy("createdAt", "desc").orderBy("id", "desc").execute();
  return rows.map(toToken);
}

export async function findToken(id: string): Promise<ApiToken> {
  const row = await db().selectFrom("apiTokens").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("token", id);
  return toToken(row);
}

export async function deleteToken(actor: Actor, token: ApiToken): Promise<void> {
  await audited(
    actor,
    async () => void (await db().deleteFrom("apiTokens").where("id", "=", token.id).execute()),
    () => ({ action: "token.delete", targetType: "token", targetIds: [token.id], details: { userId: token.userId } }),
  );
}

/** The token a secret names, with its user; undefined for anything unknown. Marks it used. */
export async function tokenUser(secret: string): Promise<{ token: TokenRow; user: UserRow } | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const token = await db().selectFrom("apiTokens").selectAll().where("hash", "=", hashOf(secret)).executeTakeFirst();
  const user = token && (await findUserRow(token.userId));
  if (!token || !user) return undefined;
  const now = Date.now();
  const stale = new Date(now - LAST_USED_GRANULARITY_MS).toISOString();
  if (token.lastUsedAt === null || token.lastUsedAt < stale) {
    await db()
      .updateTable("apiTokens")
      .set({ lastUsedAt: new Date(now).toISOString() })
      .where("id", "=", token.id)
      .where((eb) => eb.or([eb("lastUsedAt", "is", null), eb("lastUsedAt", "<", stale)]))
      .execute();
  }
  return { token, user };
}
