/**
 * Jobs per second through the job queue: N generations posted at once against the simulator at 0 latency,
 * timed from the first post to the last end. On SQLite the in-process runner; with DATABASE_URL (`npm run
 * bench -- --pg queue`) the shared queue (claims under an advisory lock, leases, NOTIFY). JOB_CONCURRENCY 4.
 */
import { benchDataDir } from "./support";

const N = Number(process.env.BENCH_QUEUE_JOBS ?? 200);

async function main() {
  process.env.JOB_CONCURRENCY ??= "4";
  process.env.MAX_ACTIVE_JOBS_PER_PROJECT ??= "10000";
  const { projectId } = await benchDataDir("queue");
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 });
  process.env.SIMULATOR_ORIGIN = sim.origin;
  (await import("@/lib/env")).resetEnv();
  const { createGeneration } = await import("@/lib/generations");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");
  const { jobRunner } = await import("@/lib/jobs/runner");
  const { dbDialect, db } = await import("@/lib/db/client");
  const body = {
    model: "gpt-image-2",
    operation: "generate",
    prompt: "mug",
    params: { quality: "low", size: "1024x1024" },
  };
  await createGeneration(ADMIN_TOKEN_ACTOR, projectId, body); // warm: catalog, lists, first image
  await jobRunner().idle();

  const s = performance.now();
  for (let i = 0; i < N; i++) await createGeneration(ADMIN_TOKEN_ACTOR, projectId, body);
  const posted = performance.now() - s;
  for (;;) {
    const { n } = await db()
      .selectFrom("generations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", ["queued", "running"])
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - s;
  const failed = await db().selectFrom("generations").select("id").where("status", "<>", "succeeded").execute();
  console.log(
    `queue (${dbDialect()}): ${N} jobs in ${(ms / 1000).toFixed(2)} s = ${((N * 1000) / ms).toFixed(1)} jobs/s ` +
      `(posting took ${(posted / N).toFixed(1)} ms each; ${failed.length} not succeeded)`,
  );
  jobRunner().shutdown();
  await sim.close();
  process.exit(0);
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
