import "server-only";
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { signInFailures, signInLocks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/** docs/api.md: ten failed sign-ins for one email or address within 15 minutes → 429 for 15 minutes. */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

const keysOf = (email: string, address: string) => [`email:${email.toLowerCase()}`, `ip:${address}`];

/** Refuse (429) while the email or the address is locked out; kept in the database, so restarts and other instances see it. */
export function assertNotLocked(email: string, address: string, now = Date.now()): void {
  const lock = db()
    .select({ until: signInLocks.until })
    .from(signInLocks)
    .where(and(inArray(signInLocks.key, keysOf(email, address)), gt(signInLocks.until, now)))
    .get();
  if (lock) {
    const retryAfterS = Math.ceil((lock.until - now) / 1000);
    throw new AppError("rate_limited", "Too many failed sign-ins: try again later", { retryAfterS });
  }
}

/** Count a failure against the email and the address; the tenth within the window locks that key. */
export function recordFailure(email: string, address: string, now = Date.now()): void {
  db().transaction(() => {
    db()
      .delete(signInFailures)
      .where(lt(signInFailures.at, now - WINDOW_MS))
      .run();
    for (const key of keysOf(email, address)) {
      db().insert(signInFailures).values({ key, at: now }).run();
      const n =
        db()
          .select({ n: count() })
          .from(signInFailures)
          .where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - WINDOW_MS)))
          .get()?.n ?? 0;
      if (n >= MAX_FAILURES) {
        db()
          .insert(signInLocks)
          .values({ key, until: now + LOCK_MS })
          .onConflictDoUpdate({ target: signInLocks.key, set: { until: now + LOCK_MS } })
          .run();
        db().delete(signInFailures).where(eq(signInFailures.key, key)).run();
      }
    }
  });
}

/** A successful sign-in clears the email's count (not the address's: one good password must not reset a spray). */
export function recordSuccess(email: string): void {
  db()
    .delete(signInFailures)
    .where(eq(signInFailures.key, `email:${email.toLowerCase()}`))
    .run();
}
