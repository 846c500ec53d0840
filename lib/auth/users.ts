import "server-only";
import crypto from "node:crypto";
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Role, User } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import { accounts, sessions, users } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { audited } from "./audit";
import { hashPassword } from "./password";
import type { Actor } from "./principal";

type UserRow = typeof users.$inferSelect;

export function toUser(row: Pick<UserRow, "id" | "email" | "name" | "role" | "disabled" | "createdAt">): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export const userCount = (): number => db().select({ n: count() }).from(users).get()?.n ?? 0;

export function listUsers(): User[] {
  return db().select().from(users).orderBy(asc(users.createdAt), asc(users.id)).all().map(toUser);
}

export function findUserRow(id: string): UserRow | undefined {
  return db().select().from(users).where(eq(users.id, id)).get();
}

export function findUser(id: string): User {
  const row = findUserRow(id);
  if (!row) throw notFound("user", id);
  return toUser(row);
}

/** Names of everyone, for "made by" labels (any signed-in role may read them; emails stay admin-only). */
export function teamDirectory(): { id: string; name: string }[] {
  return db().select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name)).all();
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
  const now = new Date();
  const id = newId("usr");
  const row = { id, email: input.email, name: input.name, role: input.role, disabled: false, emailVerified: true };
  return audited(
    actor,
    () => {
      if (first && userCount() > 0) throw new AppError("conflict", "The studio is already set up");
      if (db().select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        throw new AppError("conflict", "A user with this email exists", { email: input.email });
      }
      db()
        .insert(users)
        .values({ ...row, createdAt: now, updatedAt: now })
        .run();
      db()
        .insert(accounts)
        .values({
          id: crypto.randomBytes(16).toString("base64url"),
          accountId: id,
          providerId: "credential",
          userId: id,
          password: hash,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      return toUser({ ...row, createdAt: now });
    },
    (user) => ({
      action: first ? "setup" : "user.create",
      targetType: "user",
      targetIds: [user.id],
      details: { email: user.email, role: user.role },
    }),
  );
}

const activeAdmins = (exceptId: string) =>
  db()
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptId)))
    .get()?.n ?? 0;

/**
 * Rename, change role, disable or enable. Disabling ends the user's sessions in the same transaction
 * (tokens are refused because every request reads the user's current state). The last active admin
 * cannot be demoted or disabled: 409, so the studio always has someone who can manage it.
 */
export function updateUser(actor: Actor, id: string, patch: { name?: string; role?: Role; disabled?: boolean }): User {
  return audited(
    actor,
    () => {
      const before = findUserRow(id);
      if (!before) throw notFound("user", id);
      // Locking yourself out is never what was meant; another admin can disable you.
      if (patch.disabled && actor.userId === id) throw new AppError("conflict", "You cannot disable your own account");
      const losesAdmin =
        before.role === "admin" && !before.disabled && ((patch.role && patch.role !== "admin") || patch.disabled);
      if (losesAdmin && activeAdmins(id) === 0) {
        throw new AppError("conflict", "This is the last active admin: make someone else admin first");
      }
      db()
        .update(users)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(users.id, id))
        .run();
      if (patch.disabled) db().delete(sessions).where(eq(sessions.userId, id)).run();
      return { before, after: findUser(id) };
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
  ).after;
}
