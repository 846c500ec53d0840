import "server-only";
import { sql } from "kysely";
import type { GenerationError } from "@/lib/errors";
import { db, transaction } from "./client";
import { announceGenerations } from "./generations";
import { toJson } from "./json";
import { nowIso } from "./time";

/*
 * The shared job queue of PostgreSQL deployments is the `generations` table itself: a queued row is a job,
 * a running row carries its owner's lease. No second queue to keep consistent with the rows the API serves
 * (status, cancel, retry already live there). Claims take an advisory transaction lock, so the cluster-wide
 * running count they check cannot be passed by two processes claiming at once, and skip rows another
 * claim has locked. Only `lib/jobs/pg-runner.ts` uses this module.
 */

/** Any constant: the advisory lock that serialises claims across processes. */
const CLAIM_LOCK = 0x61_74_6c_71; // "atlq"

/**
 * queued → running for the oldest queued job, owned by `owner` until `leaseMs` from now — unless `cap` jobs
 * run already, cluster-wide. Undefined when nothing is queued or the cap is reached.
 */
export async function claimNextQueued(owner: string, leaseMs: number, cap: number): Promise<string | undefined> {
  return transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(tx);
    const { n } = await tx
      .selectFrom("generations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "running")
      .executeTakeFirstOrThrow();
    if (Number(n) >= cap) return undefined;
    const next = await tx
      .selectFrom("generations")
      .select(["id", "projectId"])
      .where("status", "=", "queued")
      .orderBy("createdAt")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    const now = new Date();
    await tx
      .updateTable("generations")
      .set({
        status: "running",
        phase: "submitting",
        message: "Sending the request",
        startedAt: now.toISOString(),
        updatedAt: now.toISOString(),
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      })
      .where("id", "=", next.id)
      .execute();
    await announceGenerations([next]);
    return next.id;
  });
}

/** The heartbeat: every running job of `owner` holds its lease `leaseMs` longer. Answers how many. */
export async function renewLeases(owner: string, leaseMs: number): Promise<number> {
  const res = await db()
    .updateTable("generations")
    .set({ leaseUntil: new Date(Date.now() + leaseMs).toISOString() })
    .where("status", "=", "running")
    .where("leaseOwner", "=", owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The final state of a job whose process stopped under it: failed as `interrupted`, which is retryable. */
function interruptedSet(message: string, errorMessage: string, at: string) {
  const error: GenerationError = { code: "interrupted", message: errorMessage, requestId: null, httpStatus: null };
  return { status: "failed" as const, message, error: toJson(error), finishedAt: at, updatedAt: at };
}

/**
 * Fail, as `interrupted` (retryable), the running jobs whose lease has passed: their process died or lost
 * the database for longer than the lease. Run by every process; answers the ids it failed.
 */
export async function reapExpiredLeases(now = new Date()): Promise<string[]> {
  const at = now.toISOString();
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set(
        interruptedSet(
          "Interrupted: the studio process running it stopped",
          "The studio process running this generation stopped",
          at,
        ),
      )
      .where("status", "=", "running")
      // No lease at all: a row left running by something that never held one (an older version).
      .where((eb) => eb.or([eb("leaseUntil", "<", at), eb("leaseUntil", "is", null)]))
      .returning(["id", "projectId"])
      .execute();
    await announceGenerations(rows);
    return rows.map((r) => r.id);
  });
}

/** A stopping process ends its own running jobs at once (others need not wait for the lease). */
export async function interruptOwned(owner: string): Promise<number> {
  const at = nowIso();
  return transaction(async () => {
    const rows = await db()
      .updateTable("generations")
      .set(
        interruptedSet("Interrupted by a server restart", "The server restarted while this generation was running", at),
      )
      .where("status", "=", "running")
      .where("leaseOwner", "=", owner)
      .returning(["id", "projectId"])
      .execute();
    await announceGenerations(rows);
    return rows.length;
  });
}
