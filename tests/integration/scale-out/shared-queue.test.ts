import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/projects/[projectId]/generations/[generationId]/cancel/route";
import { db } from "@/lib/db/client";
import { jobRunner } from "@/lib/jobs/runner";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { authedRequest, ctx } from "@/tests/helpers/http";
import { withSimulator } from "@/tests/helpers/simulator";

/*
 * Two studio processes (children B and C) on one PostgreSQL database take jobs from the shared queue; this
 * process plays the API instance (its own runner stopped, so only B and C run jobs). Only on the PostgreSQL
 * leg of the matrix.
 */
const CAP = 3;
const LEASE_S = 6;
const sim = withSimulator();
withTempDataDir(() => ({
  SIMULATOR_ORIGIN: sim.origin,
  JOB_CONCURRENCY: String(CAP),
  JOB_LEASE_S: String(LEASE_S),
  UPSTREAM_TIMEOUT_MS: "60000",
}));

interface Instance {
  child: ChildProcess;
  owner: string;
  active: number;
  exited: boolean;
}

function startInstance(): Promise<Instance> {
  const root = process.cwd();
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(
    process.execPath,
    [tsx, "--tsconfig", path.join(root, "tsconfig.scripts.json"), path.join(root, "tests/helpers/queue-instance.ts")],
    { env: { ...process.env }, stdio: ["pipe", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    const inst: Instance = { child, owner: "", active: 0, exited: false };
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const ready = /^ready (\S+)/.exec(line);
        if (ready) {
          inst.owner = ready[1];
          resolve(inst);
        }
        const active = /^active (\d+)/.exec(line);
        if (active) inst.active = Number(active[1]);
      }
    });
    child.once("exit", () => {
      inst.exited = true;
      reject(new Error("instance exited before it was ready"));
    });
  });
}

async function stop(inst: Instance): Promise<void> {
  if (inst.exited) return;
  inst.child.stdin!.end();
  await new Promise((r) => inst.child.once("exit", r));
}

const runningCount = async () =>
  Number(
    (
      await db()
        .selectFrom("generations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "running")
        .executeTakeFirstOrThrow()
    ).n,
  );

const ownerOf = async (id: string) =>
  (await db().selectFrom("generations").select("leaseOwner").where("id", "=", id).executeTakeFirstOrThrow()).leaseOwner;

describe.runIf(process.env.ATELIER_TEST_PG_URL)("the shared queue across processes (PostgreSQL)", () => {
  let b: Instance;
  let c: Instance;
  beforeAll(async () => {
    jobRunner().shutdown(); // this process only serves the API
    [b, c] = await Promise.all([startInstance(), startInstance()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([b, c].filter(Boolean).map(stop));
  });

  it("runs jobs posted here on both processes, never more than JOB_CONCURRENCY at once", async () => {
    sim.simulator.setLatency(250);
    const projectId = await newProject("shared");
    const body = { model: "gpt-image-2", operation: "generate", prompt: "mug", params: { quality: "low" } };
    const posted = await Promise.all(Array.from({ length: 12 }, () => startGeneration(projectId, body)));
    let peak = 0;
    let done = false;
    const sampler = (async () => {
      while (!done) {
        peak = Math.max(peak, await runningCount());
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const ended = await Promise.all(posted.map((g) => waitFor(projectId, g.id, undefined, 30_000)));
    done = true;
    await sampler;
    sim.simulator.setLatency(0);
    expect(ended.map((g) => g.status)).toEqual(ended.map(() => "succeeded"));
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(CAP);
    const owners = new Set(await Promise.all(posted.map((g) => ownerOf(g.id))));
    expect(owners).toEqual(new Set([b.owner, c.owner]));
  }, 60_000);

  it("cancels here a job another process runs: it aborts the upstream request", async () => {
    sim.simulator.clearFaults();
    sim.simulator.addFault({ kind: "hang", times: 1, path: "/v1/images/generations" });
    const projectId = await newProject("cancel");
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-2",
      operation: "generate",
      prompt: "slow",
      params: { quality: "low" },
    });
    await waitFor(projectId, g0.id, (g) => g.status === "running", 10_000);
    const owner = await ownerOf(g0.id);
    const runner = [b, c].find((i) => i.owner === owner)!;
    await expect.poll(() => runner.active, { timeout: 5000 }).toBe(1);
    const res = await cancelRoute(
      authedRequest("http://x/", { method: "POST" }),
      ctx({ projectId, generationId: g0.id }),
    );
    expect(res.status).toBe(200);
    // The hang never answers: only an abort of the request frees the process that runs it.
    await expect.poll(() => runner.active, { timeout: 5000 }).toBe(0);
    expect((await waitFor(projectId, g0.id)).status).toBe("cancelled");
  }, 30_000);

  it("fails a killed process's running jobs as interrupted within the lease, and finishes its queue", async () => {
    sim.simulator.clearFaults();
    // Aimed at the image route: a list refresh of the API process must not take a hit.
    sim.simulator.addFault({ kind: "hang", times: CAP, path: "/v1/images/generations" });
    const projectId = await newProject("kill");
    const body = { model: "gpt-image-2", operation: "generate", prompt: "kill", params: { quality: "low" } };
    const hung = await Promise.all(Array.from({ length: CAP }, () => startGeneration(projectId, body)));
    await Promise.all(hung.map((g) => waitFor(projectId, g.id, (x) => x.status === "running", 10_000)));
    // Running is not yet sent: wait until every hang has its request (else a queued job would take one).
    await expect.poll(() => sim.simulator.inFlight.now, { timeout: 10_000 }).toBe(CAP);
    const queued = await Promise.all(Array.from({ length: 2 }, () => startGeneration(projectId, body)));
    // Kill whichever holds a hung job (both, if they share them), without any chance to clean up.
    const owners = new Set(await Promise.all(hung.map((g) => ownerOf(g.id))));
    const victims = [b, c].filter((i) => owners.has(i.owner));
    const killedAt = Date.now();
    for (const v of victims) v.child.kill("SIGKILL");
    // Started only now when both were killed: its boot must not race the victims (under load, a starved
    // victim could miss a renewal, have a job reaped, and take a queued one just before it dies).
    const survivor = [b, c].find((i) => !owners.has(i.owner)) ?? (await startInstance());
    const failed = await Promise.all(hung.map((g) => waitFor(projectId, g.id, undefined, (LEASE_S + 10) * 1000)));
    expect(Date.now() - killedAt).toBeLessThan((LEASE_S + 10) * 1000);
    expect(failed.map((g) => [g.status, g.error?.code])).toEqual(hung.map(() => ["failed", "interrupted"]));
    const rest = await Promise.all(queued.map((g) => waitFor(projectId, g.id, undefined, 20_000)));
    expect(rest.map((g) => g.status)).toEqual(["succeeded", "succeeded"]);
    const who = JSON.stringify({ b: b.owner, c: c.owner, victims: victims.map((v) => v.owner), hung: [...owners] });
    expect(new Set(await Promise.all(queued.map((g) => ownerOf(g.id)))), who).toEqual(new Set([survivor.owner]));
    if (![b, c].includes(survivor)) await stop(survivor);
  }, 60_000);
});
