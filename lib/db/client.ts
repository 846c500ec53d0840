import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

interface Handle {
  dataDir: string;
  sqlite: Database.Database;
  db: Db;
}

// Kept on globalThis so Next's dev reloads and route bundles share one connection per process.
const slot = globalThis as unknown as { __atelierDb?: Handle };

const MIGRATIONS = path.join(process.cwd(), "lib", "db", "migrations");

/** The database of the current data dir: opened, tuned and migrated on first use. */
export function db(): Db {
  const dataDir = env().dataDir;
  const current = slot.__atelierDb;
  if (current && current.dataDir === dataDir) return current.db;
  if (current) current.sqlite.close();
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(path.join(dataDir, "atelier.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const handle: Handle = { dataDir, sqlite, db: drizzle({ client: sqlite, schema }) };
  migrate(handle.db, { migrationsFolder: MIGRATIONS });
  slot.__atelierDb = handle;
  return handle.db;
}

/** Close the connection (tests switch data dirs; shutdown hooks). */
export function closeDb(): void {
  slot.__atelierDb?.sqlite.close();
  slot.__atelierDb = undefined;
}
