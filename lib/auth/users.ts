import "server-only";
import crypto from "node:crypto";
import type { Role, User } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import { isoOf } from "@/lib/db/json";
import type { Raw } from "@/lib/db/tables";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { audited } from "./audit";
import { hashPassword } from "./password";
import type { Actor } from "./principal";

/** A user row as the studio reads it (booleans as booleans, times as ISO text, on either database): a User. */
export type UserRow = User;

const toUserRow = (r: Raw<"users">): UserRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  disabled: Boolean(r.disabled),
  createdAt: isoOf(r.createdAt),
});

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt,
  };
}

export async function userCount(): Promise<number> {
  const r = await db()
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(): Promise<User[]> {
  const rows = await db().selectFrom("users").selectAll().orderBy("createdAt").orderBy("id").execute();
  return rows.map((r) => toUser(toUserRow(r)));
}

export async function findUserRow(id: string): Promise<UserRow | undefined> {
  const r = await db().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toUserRow(r);
}

export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const r = await db().selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  return r && toUserRow(r);
}

export async function findUser(id: string): Promise<User> {
  const row = await findUserRow(id);
  if (!row) throw notFound("user", id);
  return toUser(row);
}

/** Names of everyone, for "made by" labels (any signed-in role may read them; emails stay admin-only). */
export async function teamDirectory(): Promise<{ id: string; name: string }[]> {
  return db().selectFrom("users").select(["id", "name"]).orderBy("name").execute();
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

/**
 * Create a user with a credential account (the auth library's scrypt hash) and its audit event in one
 * transaction. A taken email is 409 `conflict`. `first`: the setup form's admin, refused once anyone exists.
 */
export async function createUser(actor: Actor | null, input: NewUser, first = false): Promise<User> {
  const hash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const id = newId("usr");
  const row = { id, email: input.email, name: input.name, role: input.role, disabled: false, createdAt: now };
  return audited(
    actor,
    async () => {
      if (first && (await userCount()) > 0) throw new AppError("conflict", "The studio is already set up");
      if (await findUserByEmail(input.email)) {
        throw new AppError("conflict", "A user with this email exists", { email: input.email });
      }
      await db()
        .insertInto("users")
        .values({ ...row, disabled: 0, emailVerified: 1, image: null, updatedAt: now })
        .execute();
      await db()
        .insertInto("accounts")
        .values({
          id: crypto.randomBytes(16).toString("base64url"),
          accountId: id,
          providerId: "credential",
          userId: id,
          password: hash,
          accessToken: null,
          refreshToken: null,
          idToken: null,
          accessTokenExpiresAt: null,
          refreshTokenExpiresAt: null,
          scope: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return toUser(row);
    },
    (user) => ({
      action: first ? "setup" : "user.create",
      targetType: "user",
      targetIds: [user.id],
      details: { email: user.email, role: user.role },
    }),
  );
}

async function activeAdmins(exceptId: string): Promise<number> {
  const r = await db()
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .where("id", "<>", exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Rename, change role, disable or enable. Disabling ends the user's sessions in the same transaction
 * (tokens are refused because every request reads the user's current state). The last active admin
 * cannot be demoted or disabled: 409, so the studio always has someone who can manage it.
 */
export async function updateUser(
  actor: Actor,
  id: string,
  patch: { name?: string; role?: Role; disabled?: boolean },
): Promise<User> {
  const { after } = await audited(
    actor,
    async () => {
      const before = await findUserRow(id);
      if (!before) throw notFound("user", id);
      // Locking yourself out is never what was meant; another admin can disable you.
      if (patch.disabled && actor.userId === id) throw new AppError("conflict", "You cannot disable your own account");
      const losesAdmin =
        before.role === "admin" && !before.disabled && ((patch.role && patch.role !== "admin") || patch.disabled);
      if (losesAdmin && (await activeAdmins(id)) === 0) {
        throw new AppError("conflict", "This is the last active admin: make someone else admin first");
      }
      const { disabled, ...rest } = patch;
      await db()
        .updateTable("users")
        .set({
          ...rest,
          ...(disabled !== undefined ? { disabled: disabled ? 1 : 0 } : {}),
          updatedAt: new Date().toISOString(),
        })
        .where("id", "=", id)
        .execute();
      if (patch.disabled) await db().deleteFrom("sessions").where("userId", "=", id).execute();
      return { before, after: await findUser(id) };
    },
    ({ before }) => ({
      action: "user.update",
      targetType: "user",
      targetIds: [id],
      details: {
        changes: Object.fromEntries(
          Object.entries(patch).map(([k, v]) => [k, { from: before[k as keyof typeof patch], to: v }]),
        ),
      },
    }),
  );
  return after;
}
