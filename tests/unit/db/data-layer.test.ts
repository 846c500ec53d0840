import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { findUserRow } from "@/lib/auth/users";
import { closeDb, db, dbDialect, transaction } from "@/lib/db/client";
import { sqlMigrations } from "@/lib/db/migrate";
import { withTempDataDir } from "@/tests/helpers/data-dir";

const data = withTempDataDir();

describe("transactions", () => {
  it("commits together, rolls back together, and db() inside one is that transaction", async () => {
    const now = new Date().toISOString();
    await transaction(async () => {
      await db().insertInto("settings").values({ key: "a", value: "1", updatedAt: now }).execute();
      // A helper that knows nothing of the transaction joins it through db(), and so does a nested call.
      await transaction(async () => {
        await db().insertInto("settings").values({ key: "b", value: "2", updatedAt: now }).execute();
      });
    });
    await expect(
      transaction(async () => {
        await db().insertInto("settings").values({ key: "c", value: "3", updatedAt: now }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const keys = (await db().selectFrom("settings").select("key").orderBy("key").execute()).map((r) => r.key);
    expect(keys).toEqual(["a", "b"]);
  });
});

describe.runIf(!process.env.ATELIER_TEST_PG_URL)("a SQLite data dir made by the earlier drizzle migrator", () => {
  it("is adopted: applied files are not run again, auth timestamps become ISO text", async () => {
    await closeDb();
    const file = path.join(data.dir, "atelier.db");
    fs.rmSync(file, { force: true });
    const old = new Database(file);
    const migrations = sqlMigrations("sqlite");
    const dir = path.join(process.cwd(), "lib", "db", "migrations", "sqlite");
    for (const name of ["0000_init", "0001_live_catalog", "0002_access"]) {
      for (const s of fs.readFileSync(path.join(dir, `${name}.sql`), "utf8").split(/-->\s*statement-breakpoint/))
        if (s.trim()) old.exec(s);
    }
    old.exec("create table __drizzle_migrations (id integer primary key, hash text not null, created_at numeric)");
    for (let i = 0; i < 3; i++)
      old.prepare("insert into __drizzle_migrations (hash, created_at) values (?, ?)").run(`h${i}`, i);
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0, 250);
    old
      .prepare(
        "insert into users (id, name, email, email_verified, role, disabled, created_at, updated_at) values (?, ?, ?, 1, 'admin', 0, ?, ?)",
      )
      .run("usr_old", "Old", "old@example.com", ms, ms);
    old.close();

    expect(dbDialect()).toBe("sqlite");
    const user = await findUserRow("usr_old");
    expect(user).toMatchObject({ email: "old@example.com", disabled: false, createdAt: "2026-11-30T12:00:00.250Z" });
    const applied = (await db()
      .withoutPlugins()
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute()) as {
      name: string;
    }[];
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations));
  });
});
