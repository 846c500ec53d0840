/**
 * How a job finishes (lib/jobs/run-generation.ts), one ending at a time, on rows inserted directly and run
 * directly against the simulator: succeeded with every image; an image group the model made smaller;
 * partial success; a failure before any image; a cancel that wins over a late answer; a job whose input was deleted; previews removed at the end.
 */
import { describe, expect, it } from "vitest";
import { refreshLists } from "@/lib/catalog";
import { cancelGenerationRow, getGeneration } from "@/lib/db/generations";
import { runGeneration } from "@/lib/jobs/run-generation";
import { getModel } from "@/lib/models";
import { storage } from "@/lib/storage";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { insertQueuedGeneration, newProject } from "@/tests/helpers/generations";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "3000" }));

const job = insertQueuedGeneration;

const run = async (id: string, signal = new AbortController().signal) => {
  await refreshLists();
  await runGeneration(id, signal);
  return (await getGeneration(id))!;
};

describe("runGeneration ends", () => {
  it("succeeded, done, current == total, when every image came back", async () => {
    const projectId = await newProject();
    const g = await run((await job(projectId, { params: { n: 3 }, total: 3 })).id);
    expect(g).toMatchObject({ status: "succeeded", phase: "done", current: 3, total: 3, error: null });
    expect(g.message).toBe("3 of 3 images saved");
    expect(g.upstreamRequestId).toMatch(/^\d{20,}/);
    expect(g.vendorRequestId).toMatch(/^req_/);
    expect(g.finishedAt).not.toBeNull();
  });

  it("succeeded with the smaller total when an image group came back smaller and nothing failed", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "short_group", times: 1 } as never);
    const params = { sequential_image_generation: "auto", max_images: 4 };
    const g = await run(
      (await job(projectId, { provider: "ark", model: "doubao-seedream-4-0-250828", params, total: 4 })).id,
    );
    expect(g.status).toBe("succeeded");
    expect(g.current).toBe(g.total);
    expect(g.total).toBeLessThan(4);
    expect(g.message).toMatch(/the model made \d of up to 4/);
  });

  it("failed, keeping the saved images, when one of n requests fails", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "server_error", times: 1 });
    const g = await run((await job(projectId, { params: { n: 3 }, total: 3 })).id);
    expect(g).toMatchObject({ status: "failed", current: 2, total: 3 });
    expect(g.error?.code).toBe("upstream_unavailable");
    expect(g.message).toMatch(/^2 of 3 images saved; /);
  });

  it("failed with the mapped error and no image when the only request fails", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "moderation", times: 1 });
    const g = await run((await job(projectId)).id);
    expect(g).toMatchObject({ status: "failed", current: 0, phase: "generating" });
    expect(g.error).toMatchObject({ code: "upstream_moderation_blocked", httpStatus: 400 });
    expect(g.message).toBe(g.error?.message);
  });

  it("stays cancelled when the cancel wins: no image attached, no final state written over it", async () => {
    const projectId = await newProject();
    sim.simulator.setLatency(300);
    const row = await job(projectId);
    const controller = new AbortController();
    await refreshLists();
    const running = runGeneration(row.id, controller.signal);
    await expect.poll(async () => (await getGeneration(row.id))?.status, { timeout: 2000 }).toBe("running");
    expect(await cancelGenerationRow(row.id)).toBe(true);
    controller.abort();
    await running;
    sim.simulator.setLatency(0);
    expect(await getGeneration(row.id)).toMatchObject({ status: "cancelled", current: 0 });
  });

  it("never starts a job that is no longer queued", async () => {
    const projectId = await newProject();
    const row = await job(projectId, { status: "cancelled" });
    const images = () => sim.simulator.requests.filter((r) => r.path.startsWith("/v1/images/")).length;
    const before = images();
    const g = await run(row.id);
    expect(g.status).toBe("cancelled");
    expect(images()).toBe(before);
  });

  it("fails with invalid_request when an input image was deleted before it started", async () => {
    const projectId = await newProject();
    const g = await run(
      (await job(projectId, { operation: "edit", inputAssetIds: ["ast_0000000000000000gone0"], model: "gpt-image-2" }))
        .id,
    );
    expect(g.status).toBe("failed");
    expect(g.error).toMatchObject({ code: "invalid_request" });
    expect(g.error?.message).toMatch(/deleted before the job started/);
  });

  it("removes streamed previews when it ends, files and keys", async () => {
    const projectId = await newProject();
    sim.simulator.setLatency(600);
    const g = await run((await job(projectId, { params: { partial_images: 2 } })).id);
    sim.simulator.setLatency(0);
    expect(g.status).toBe("succeeded");
    expect(g.previewKeys).toEqual([]);
    expect(await storage().list("previews/")).toEqual([]);
    expect(getModel("gpt-image-2")?.params.partial_images).toBeDefined();
  });
});
