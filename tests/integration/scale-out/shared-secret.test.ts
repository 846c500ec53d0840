import { describe, expect, it } from "vitest";
import { authSecret, ensureSharedAuthSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { withTempDataDir } from "@/tests/helpers/data-dir";

withTempDataDir(() => ({ BETTER_AUTH_SECRET: undefined }));

describe.runIf(process.env.ATELIER_TEST_PG_URL)("the cookie secret on a shared database (PostgreSQL)", () => {
  it("is generated once, kept in the database, and the same for every process that boots", async () => {
    await Promise.all([ensureSharedAuthSecret(), ensureSharedAuthSecret(), ensureSharedAuthSecret()]);
    const rows = await db().selectFrom("settings").select("value").where("key", "=", "auth_secret").execute();
    expect(rows).toHaveLength(1);
    const stored = JSON.parse(rows[0].value) as string;
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authSecret()).toBe(stored);
    // Another boot (another process) reads the same one; nothing is written again.
    await ensureSharedAuthSecret();
    expect(authSecret()).toBe(stored);
  });
});
