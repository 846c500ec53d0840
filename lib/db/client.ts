import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Dialect, type Transaction } from "kysely";
import pg from "pg";
import { env } from "@/lib/env";
import { migrateOnInit } from "./migrate";
import type { Database as Schema } from "./tables";

/**
 * The one data layer: Kysely over better-sqlite3 (the embedded default, a file in the data dir) or over
 * node-postgres (`DATABASE_URL`). Every query function is written once and serves both; migrations run
 * before the first query (see ./migrate.ts). `db()` inside `transaction()` is that transaction, so helpers
 * called from a transaction's body join it without being handed it.
 */
export type Db = Kysely<Schema>;
export type DbDialect = "sqlite" | "postgres";

interface Handle {
  /** What the handle was opened for: a data dir (SQLite) or a URL (PostgreSQL). */
  target: string;
  dialect: DbDialect;
  db: Db;
  /** Without the camel-case mapping, for the auth library (it names columns itself). */
  raw: Kysely<unknown>;
  close: () => Promise<void>;
}

// Kept on globalThis so Next's dev reloads and route bundles share one connection (pool) per process,
// and one transaction context.
interface TxScope {
  tx: Transaction<Schema>;
  /** Run once the transaction has committed (dropped if it rolls back). */
  after: (() => void)[];
}
const slot = globalThis as unknown as { __atelierDb?: Handle; __atelierTx?: AsyncLocalStorage<TxScope> };
const txContext = (slot.__atelierTx ??= new AsyncLocalStorage<TxScope>());

// PostgreSQL answers bigint (count(*), epoch-ms columns) as text; every such value here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function open(): Handle {
  const e = env();
  if (e.DATABASE_URL) {
    // allowExitOnIdle: a script (CLI, bench) ends when its work does; a server stays up for its listener.
    const pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: 10, allowExitOnIdle: true });
    // A client's error (the server restarted, or terminated the connection) must not crash the process: the
    // pool handles idle clients' errors; a client checked out between two queries of a transaction has no
    // listener but this one (its next query fails instead, and the pool replaces it).
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    return handle(e.DATABASE_URL, "postgres", new PostgresDialect({ pool }), () => pool.end());
  }
  fs.mkdirSync(e.dataDir, { recursive: true });
  const sqlite = new Database(path.join(e.dataDir, "atelier.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return handle(e.dataDir, "sqlite", new SqliteDialect({ database: sqlite }), async () => void sqlite.close());
}

function handle(target: string, dialect: DbDialect, base: Dialect, close: () => Promise<void>): Handle {
  const migrating = migrateOnInit(base, dialect);
  const db = new Kysely<Schema>({ dialect: migrating, plugins: [new CamelCasePlugin()] });
  // Same driver (one pool, one SQLite connection and its mutex), no plugins.
  const raw = db.withoutPlugins() as unknown as Kysely<unknown>;
  return { target, dialect, db, raw, close };
}

function current(): Handle {
  const e = env();
  const target = e.DATABASE_URL ?? e.dataDir;
  const h = slot.__atelierDb;
  if (h && h.target === target) return h;
  if (h) void h.close();
  slot.__atelierDb = open();
  return slot.__atelierDb;
}

/** The database of the current configuration; inside `transaction()`, that transaction. */
export function db(): Db {
  return txContext.getStore()?.tx ?? current().db;
}

/** Which database `db()` talks to (for the few statements that differ, e.g. row locks). */
export function dbDialect(): DbDialect {
  return current().dialect;
}

/** The handle for the auth library: same connection, no column-name mapping (it is configured with ours). */
export function authDb(): { db: Kysely<unknown>; type: DbDialect } {
  const h = current();
  return { db: h.raw, type: h.dialect };
}

/**
 * Run `fn` in one transaction: its queries (and those of anything it calls through `db()`) commit together
 * or not at all. Nested calls join the outer transaction. Keep bodies to queries: on SQLite the one
 * connection is held for the whole body.
 */
export async function transaction<T>(fn: (tx: Transaction<Schema>) => Promise<T>): Promise<T> {
  const outer = txContext.getStore();
  if (outer) return fn(outer.tx);
  const after: (() => void)[] = [];
  const result = await current()
    .db.transaction()
    .execute((tx) => txContext.run({ tx, after }, () => fn(tx)));
  for (const f of after) f();
  return result;
}

/**
 * Run `f` once what is being written is visible to others: after the current transaction commits (never,
 * if it rolls back), or at once outside a transaction. For in-process announcements of a change (events).
 */
export function afterCommit(f: () => void): void {
  const scope = txContext.getStore();
  if (scope) scope.after.push(f);
  else f();
}

/** Open (and migrate) now rather than at the first query: boot and health checks. */
export async function connectDb(): Promise<void> {
  await db().selectFrom("settings").select("key").limit(1).execute();
}

/** Close the connection (tests switch data dirs; shutdown hooks). */
export async function closeDb(): Promise<void> {
  const h = slot.__atelierDb;
  slot.__atelierDb = undefined;
  if (h) await h.db.destroy().catch(() => h.close());
}
