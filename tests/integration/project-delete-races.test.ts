/**
 * A project deleted while an upload or a generation of it runs: the upload answers 404 (never a 500 from a
 * foreign key) and removes what it had staged or moved before it answers; a job's images that arrive
 * after the delete began are dropped with their files. Afterwards no file of the project is left.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { DELETE as deleteProjectRoute } from "@/app/api/projects/[projectId]/route";
import { markProjectDeleted } from "@/lib/db/projects";
import { getGeneration } from "@/lib/db/generations";
import { jobRunner } from "@/lib/jobs/runner";
import { purgeHiddenProject } from "@/lib/projects/delete-project";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest } from "@/tests/helpers/http";
import { makeImage } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";
import { storedKeys } from "@/tests/helpers/stored";
import {
  diskState,
  projectAssetRows,
  stagedFiles,
  streamedMultipart,
  streamedUploadRequest,
  type StreamPart,
} from "./uploads-helpers";

const sim = withSimulator({ listing: "legacy" });
const data = withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "20000" }));

afterEach(() => {
  sim.simulator.reset();
  vi.restoreAllMocks();
});

const deleteProject = (projectId: string) =>
  deleteProjectRoute(jsonRequest("DELETE", `/api/projects/${projectId}`), ctx({ projectId }));

/** Resolves once `cond` holds, checked every millisecond (one check at a time: it may ask the store). */
async function when(cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error("condition never held");
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function expectNothingLeftOf(projectId: string) {
  expect(await projectAssetRows(projectId)).toEqual([]);
  const disk = await diskState(data.dir);
  expect(disk.staged).toEqual([]);
  expect(disk.orphans).toEqual([]);
  expect(disk.missing).toEqual([]);
}

async function images(n: number, edge: number): Promise<StreamPart[]> {
  const out = await Promise.all(Array.from({ length: n }, (_, i) => makeImage(edge + i, edge)));
  return out.map((data, i) => ({ name: "file", filename: `${i}.png`, data }));
}

describe("a project deleted during an upload", () => {
  it("answers 404 when the delete lands after the body is read and before the rows commit", async () => {
    const projectId = await newProject("upload race");
    const { body, contentType } = streamedMultipart(await images(20, 800));
    const pending = upload(streamedUploadRequest(projectId, body, contentType), ctx({ projectId }));
    // Thumbnails being staged (or, before staging existed, the first file saved): the body is read, the
    // batch not yet committed.
    await when(
      async () => stagedFiles(data.dir).some((f) => f.endsWith(".thumb")) || (await storedKeys("assets/")).length > 0,
    );
    expect((await deleteProject(projectId)).status).toBe(204);
    const res = await pending;
    await errorOf(res, 404, "not_found");
    await expectNothingLeftOf(projectId); // checked as soon as it answered: nothing waits for a boot
  });

  it("answers 404 when the delete lands while the body still streams", async () => {
    const projectId = await newProject("upload race 2");
    const parts = await images(10, 300);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const state = { sent: 0 };
    const { body, contentType } = streamedMultipart(
      (async function* () {
        for (const [i, p] of parts.entries()) {
          if (i === 5) await gate;
          state.sent = i + 1;
          yield p;
        }
      })(),
    );
    const pending = upload(streamedUploadRequest(projectId, body, contentType), ctx({ projectId }));
    await when(() => state.sent === 5);
    expect((await deleteProject(projectId)).status).toBe(204);
    release();
    await errorOf(await pending, 404, "not_found");
    await expectNothingLeftOf(projectId);
  });
});

describe("a project deleted during a generation", () => {
  const job = { model: "gpt-image-1", operation: "generate", prompt: "race", params: { n: 2, quality: "low" } };

  it("drops the images that arrive after the delete began, with their files", async () => {
    const projectId = await newProject("job race");
    sim.simulator.setLatency(800);
    const g0 = await startGeneration(projectId, job);
    await waitFor(projectId, g0.id, (g) => g.status === "running");
    // Step 1 of the delete (hidden, files listed next); the images land before step 3 purges the rows.
    expect(await markProjectDeleted(projectId)).toBe(true);
    await jobRunner().idle();
    expect((await getGeneration(g0.id))?.current).toBe(0);
    expect(await projectAssetRows(projectId)).toEqual([]);
    await purgeHiddenProject(projectId);
    await expectNothingLeftOf(projectId);
  });

  it("DELETE during a running job: 204, the job's late images dropped, no error, nothing left", async () => {
    const projectId = await newProject("job race 2");
    const errors = vi.spyOn(console, "error");
    sim.simulator.setLatency(800);
    const g0 = await startGeneration(projectId, job);
    await waitFor(projectId, g0.id, (g) => g.status === "running");
    expect((await deleteProject(projectId)).status).toBe(204);
    await jobRunner().idle();
    expect(await getGeneration(g0.id)).toBeUndefined();
    expect(errors).not.toHaveBeenCalled();
    await expectNothingLeftOf(projectId);
  });

  it("DELETE stops a streaming job at once and removes the previews it had written", async () => {
    const projectId = await newProject("job race 3");
    sim.simulator.setLatency(3000);
    const g0 = await startGeneration(projectId, { ...job, model: "gpt-image-2", params: { partial_images: 2 } });
    await waitFor(projectId, g0.id, (g) => g.previews.length > 0);
    // A preview's key is recorded before its file is written: wait for the file.
    await when(async () => (await storedKeys("previews/")).length > 0);
    const t0 = Date.now();
    expect((await deleteProject(projectId)).status).toBe(204);
    await jobRunner().idle();
    // Aborted, not run to the end of the simulator's 3 s: nothing more is spent on a project that is gone.
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(await storedKeys("previews/")).toEqual([]);
    await expectNothingLeftOf(projectId);
  });
});
