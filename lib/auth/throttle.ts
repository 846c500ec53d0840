import "server-only";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** docs/api.md: ten failed sign-ins for one email or address within 15 minutes → 429 for 15 minutes. */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

const keysOf = (email: string, address: string) => [`email:${email.toLowerCase()}`, `ip:${address}`];

/** Refuse (429) while the email or the address is locked out; kept in the database, so restarts and other instances see it. */
export async function assertNotLocked(email: string, address: string, now = Date.now()): Promise<void> {
  const lock = await db()
    .selectFrom("signInLocks")
    .select("until")
    .where("key", "in", keysOf(email, address))
    .where("until", ">", now)
    .executeTakeFirst();
  if (lock) {
    const retryAfterS = Math.ceil((Number(lock.until) - now) / 1000);
    throw new AppError("rate_limited", "Too many failed sign-ins: try again later", { retryAfterS });
  }
}

/** Count a failure against the email and the address; the tenth within the window locks that key. */
export async function recordFailure(email: string, address: string, now = Date.now()): Promise<void> {
  await transaction(async () => {
    await db()
      .deleteFrom("signInFailures")
      .where("at", "<", now - WINDOW_MS)
      .execute();
    for (const key of keysOf(email, address)) {
      await db().insertInto("signInFailures").values({ key, at: now }).execute();
      const { n } = await db()
        .selectFrom("signInFailures")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("key", "=", key)
        .where("at", ">", now - WINDOW_MS)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_FAILURES) {
        await db()
          .insertInto("signInLocks")
          .values({ key, until: now + LOCK_MS })
          .onConflict((oc) => oc.column("key").doUpdateSet({ until: now + LOCK_MS }))
          .execute();
        await db().deleteFrom("signInFailures").where("key", "=", key).execute();
      }
    }
  });
}

/** A successful sign-in clears the email's count (not the address's: one good password must not reset a spray). */
export async function recordSuccess(email: string): Promise<void> {
  await db().deleteFrom("signInFailures").where("key", "=", `email:${email.toLowerCase()}`).execute();
}
