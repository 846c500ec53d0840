import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

const FILE = "auth-secret";
const SETTING = "auth_secret";

const slot = globalThis as unknown as { __atelierSharedSecret?: { url: string; secret: string } };

/**
 * PostgreSQL without BETTER_AUTH_SECRET: the first process to boot stores a random secret in the settings
 * table (insert-if-absent, so processes booting together agree), and every process reads it. Called by boot.
 */
export async function ensureSharedAuthSecret(): Promise<void> {
  const e = env();
  if (e.BETTER_AUTH_SECRET || !e.DATABASE_URL) return;
  const candidate = JSON.stringify(crypto.randomBytes(32).toString("base64url"));
  await db()
    .insertInto("settings")
    .values({ key: SETTING, value: candidate, updatedAt: new Date().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db().selectFrom("settings").select("value").where("key", "=", SETTING).executeTakeFirstOrThrow();
  slot.__atelierSharedSecret = { url: e.DATABASE_URL, secret: JSON.parse(row.value) as string };
}

/**
 * The secret that signs session cookies: `BETTER_AUTH_SECRET`, or one generated on first run and kept in
 * the data dir (0600), so `npm start` needs no setup and restarts keep everyone signed in. On a shared
 * PostgreSQL database, one generated secret is kept in the database instead (`ensureSharedAuthSecret`, at
 * boot), so every process signs and reads the same cookies without any setup.
 */
export function authSecret(): string {
  const e = env();
  if (e.BETTER_AUTH_SECRET) return e.BETTER_AUTH_SECRET;
  const shared = slot.__atelierSharedSecret;
  if (e.DATABASE_URL && shared?.url === e.DATABASE_URL) return shared.secret;
  const file = path.join(e.dataDir, FILE);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(e.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      // `wx`: if another process won the race, read its secret instead of replacing it.
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
