import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { AUDIT_TARGET_TYPES, ROLES } from "@/lib/contracts/access";

/*
 * Accounts (docs/api.md "Access"). `users`, `sessions`, `accounts` and `verifications` are the tables the
 * auth library (better-auth, through its drizzle adapter) reads and writes: their property names are the
 * library's field names, and its timestamps are epoch milliseconds, unlike the studio's ISO text. The
 * studio writes `users` and `accounts` itself when an admin creates a user, so the row, its password hash
 * and the audit event commit in one transaction.
 */

const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  role: text("role", { enum: ROLES }).notNull().default("viewer"),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  createdAt: ms("created_at").notNull(),
  updatedAt: ms("updated_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: ms("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ms("access_token_expires_at"),
    refreshTokenExpiresAt: ms("refresh_token_expires_at"),
    scope: text("scope"),
    /** The library's scrypt hash; never selected by studio queries. */
    password: text("password"),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = sqliteTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: ms("expires_at").notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** API tokens: only the SHA-256 of the secret is kept; `prefix` (the first characters) tells them apart in lists. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hash: text("hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId, t.createdAt, t.id)],
);

/** One row per action, written in the transaction of the change it records; newest first by (at, id). */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    at: text("at").notNull(),
    userId: text("user_id"),
    action: text("action").notNull(),
    targetType: text("target_type", { enum: AUDIT_TARGET_TYPES }).notNull(),
    targetIds: text("target_ids", { mode: "json" }).notNull().$type<string[]>(),
    details: text("details", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_at_idx").on(t.at, t.id),
    index("audit_action_at_idx").on(t.action, t.at, t.id),
    index("audit_user_at_idx").on(t.userId, t.at, t.id),
  ],
);

/** Failed sign-ins per key (`email:…`, `ip:…`) for the throttle; rows older than its window are pruned. */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("sign_in_failures_key_at_idx").on(t.key, t.at)],
);

/** A key locked out until `until` (epoch ms) after too many failures. */
export const signInLocks = sqliteTable("sign_in_locks", {
  key: text("key").primaryKey(),
  until: integer("until").notNull(),
});
