/**
 * The process-wide bound on input-image bytes (MAX_INFLIGHT_INPUT_BYTES, lib/jobs/inflight.ts): two big
 * edits whose inputs do not fit together run one after the other, never holding more than the bound; a
 * job cancelled while it waits leaves the queue.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { saveAsset } from "@/lib/assets/save-asset";
import { refreshLists } from "@/lib/catalog";
import { getGeneration } from "@/lib/db/generations";
import { inflightInputBytes, resetInflightInputBytes } from "@/lib/jobs/inflight";
import { runGeneration } from "@/lib/jobs/run-generation";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { insertQueuedGeneration, newProject } from "@/tests/helpers/generations";
import { withSimulator } from "@/tests/helpers/simulator";

const BOUND = 1024 * 1024;
const sim = withSimulator();
withTempDataDir(() => ({
  SIMULATOR_ORIGIN: sim.origin,
  UPSTREAM_TIMEOUT_MS: "10000",
  MAX_INFLIGHT_INPUT_BYTES: String(BOUND),
}));
beforeAll(() => resetInflightInputBytes());

/** ~690 KB: noise does not compress, so two of them are over the 1 MiB bound. */
const bigPng = (seed: number) =>
  sharp({
    create: {
      width: 480,
      height: 480,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 100 + seed, sigma: 50 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();

const editJob = async (projectId: string, inputAssetIds: string[]) =>
  await insertQueuedGeneration(projectId, { operation: "edit", prompt: "on a marble table", inputAssetIds });

/** Samples the gauge every millisecond while `fn` runs: the most held and the most waiting. */
async function watch<T>(fn: () => Promise<T>): Promise<{ value: T; held: number; waiting: number }> {
  let held = 0;
  let waiting = 0;
  const t = setInterval(() => {
    const g = inflightInputBytes().gauge();
    held = Math.max(held, g.held);
    waiting = Math.max(waiting, g.waiting);
  }, 1);
  try {
    return { value: await fn(), held, waiting };
  } finally {
    clearInterval(t);
  }
}

describe("in-flight input bytes", () => {
  it("two big edits that do not fit together run one at a time, under the bound, and both succeed", async () => {
    await refreshLists();
    const projectId = await newProject();
    const a = await saveAsset({ projectId, kind: "upload", bytes: await bigPng(0), createdBy: null });
    const b = await saveAsset({ projectId, kind: "upload", bytes: await bigPng(1), createdBy: null });
    expect(a.bytes + b.bytes).toBeGreaterThan(BOUND);
    const [ja, jb] = [await editJob(projectId, [a.id]), await editJob(projectId, [b.id])];
    sim.simulator.setLatency(300);
    const started = performance.now();
    const seen = await watch(() => Promise.all([ja, jb].map((j) => runGeneration(j.id, new AbortController().signal))));
    const elapsed = performance.now() - started;
    sim.simulator.setLatency(0);
    expect((await getGeneration(ja.id))!.status).toBe("succeeded");
    expect((await getGeneration(jb.id))!.status).toBe("succeeded");
    expect(seen.waiting).toBe(1); // the second waited for the first
    expect(seen.held).toBeLessThanOrEqual(BOUND);
    expect(inflightInputBytes().gauge()).toMatchObject({ held: 0, waiting: 0 });
    expect(inflightInputBytes().gauge().peak).toBeLessThanOrEqual(BOUND);
    expect(elapsed).toBeGreaterThanOrEqual(600); // one after the other, not side by side
  });

  it("a job cancelled while it waits for the bound leaves the queue and sends nothing", async () => {
    await refreshLists();
    const projectId = await newProject();
    const a = await saveAsset({ projectId, kind: "upload", bytes: await bigPng(2), createdBy: null });
    const b = await saveAsset({ projectId, kind: "upload", bytes: await bigPng(3), createdBy: null });
    const [ja, jb] = [await editJob(projectId, [a.id]), await editJob(projectId, [b.id])];
    sim.simulator.setLatency(300);
    const edits = () => sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").length;
    const before = edits();
    const cancel = new AbortController();
    const first = runGeneration(ja.id, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 50));
    const second = runGeneration(jb.id, cancel.signal);
    await new Promise((r) => setTimeout(r, 50));
    expect(inflightInputBytes().gauge().waiting).toBe(1);
    cancel.abort();
    await second;
    expect(inflightInputBytes().gauge().waiting).toBe(0);
    await first;
    sim.simulator.setLatency(0);
    expect((await getGeneration(ja.id))!.status).toBe("succeeded");
    expect(edits() - before).toBe(1);
    expect(inflightInputBytes().gauge()).toMatchObject({ held: 0, waiting: 0 });
  });
});
