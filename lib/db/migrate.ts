import "server-only";
import fs from "node:fs";
import path from "node:path";
import {
  Kysely,
  Migrator,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Migration,
  type MigrationProvider,
  type TransactionSettings,
} from "kysely";
import type { DbDialect } from "./client";

/**
 * Migrations are SQL files, one folder per database (`lib/db/migrations/sqlite`, `…/postgres`), applied in
 * name order by Kysely's Migrator (which takes a lock, so instances starting together on one PostgreSQL
 * apply each file once). Statements inside a file are separated by `--> statement-breakpoint` lines
 * (SQLite prepares one statement at a time). They run before the first query of a process: the dialect's
 * driver is wrapped so that its `init()` migrates.
 */
const ROOT = path.join(process.cwd(), "lib", "db", "migrations");
const BREAK = /-->\s*statement-breakpoint/;

/** A folder's migrations, by file name without `.sql`. */
export function sqlMigrations(dialect: DbDialect): Record<string, Migration> {
  const dir = path.join(ROOT, dialect);
  const out: Record<string, Migration> = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const statements = fs
      .readFileSync(path.join(dir, file), "utf8")
      .split(BREAK)
      .map((s) => s.trim())
      .filter(Boolean);
    out[file.replace(/\.sql$/, "")] = {
      async up(db: Kysely<unknown>) {
        for (const s of statements) await sql.raw(s).execute(db);
      },
    };
  }
  return out;
}

class Provider implements MigrationProvider {
  constructor(private readonly dialect: DbDialect) {}
  async getMigrations() {
    return sqlMigrations(this.dialect);
  }
}

/**
 * A data dir made before this migrator (drizzle's, which kept `__drizzle_migrations`, one row per applied
 * file in order) has its applied files recorded under their names, so they are not run again.
 */
async function adoptDrizzleHistory(db: Kysely<unknown>): Promise<void> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  const names = new Set(tables.rows.map((r) => r.name));
  if (!names.has("__drizzle_migrations") || names.has("kysely_migration")) return;
  const applied = await sql<{ n: number }>`select count(*) as n from __drizzle_migrations`.execute(db);
  const files = Object.keys(sqlMigrations("sqlite")).slice(0, Number(applied.rows[0]?.n ?? 0));
  await sql`create table kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
    db,
  );
  const at = new Date().toISOString();
  for (const name of files)
    await sql`insert into kysely_migration (name, timestamp) values (${name}, ${at})`.execute(db);
}

export async function migrate(base: Dialect, dialect: DbDialect): Promise<void> {
  // A second Kysely over the same connection (SQLite) or pool (PostgreSQL); never destroyed here.
  const db = new Kysely<unknown>({ dialect: base });
  if (dialect === "sqlite") await adoptDrizzleHistory(db);
  const { error, results } = await new Migrator({ db, provider: new Provider(dialect) }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
}

/** `base` with a driver whose `init()` (run once, before the first connection) also migrates. */
export function migrateOnInit(base: Dialect, dialect: DbDialect): Dialect {
  return {
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
    createDriver(): Driver {
      const inner = base.createDriver();
      return {
        async init() {
          await inner.init();
          await migrate(base, dialect);
        },
        acquireConnection: () => inner.acquireConnection(),
        beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => inner.beginTransaction(c, s),
        commitTransaction: (c: DatabaseConnection) => inner.commitTransaction(c),
        rollbackTransaction: (c: DatabaseConnection) => inner.rollbackTransaction(c),
        releaseConnection: (c: DatabaseConnection) => inner.releaseConnection(c),
        destroy: () => inner.destroy(),
      };
    },
  };
}
