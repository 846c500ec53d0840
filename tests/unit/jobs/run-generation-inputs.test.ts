/**
 * How a job hands its input images to the provider (lib/jobs/run-generation.ts `loadInput`): as lazily read,
 * file-backed Blobs from the store, never read into memory by the runner (a multipart edit streams them from
 * disk); an input whose row exists but whose file is missing fails the job with a message that says so.
 */
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { saveAsset } from "@/lib/assets/save-asset";
import { refreshLists } from "@/lib/catalog";
import { getGeneration } from "@/lib/db/generations";
import { runGeneration } from "@/lib/jobs/run-generation";
import { storage } from "@/lib/storage";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { insertQueuedGeneration, newProject } from "@/tests/helpers/generations";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "10000" }));

const photo = (hue: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: hue, g: 120, b: 200 } } })
    .png()
    .toBuffer();

async function editJob(over: { inputs?: number } = {}) {
  const projectId = await newProject();
  const assets = [];
  for (let i = 0; i < (over.inputs ?? 2); i++)
    assets.push(await saveAsset({ projectId, kind: "upload", bytes: await photo(40 + i), createdBy: null }));
  const row = await insertQueuedGeneration(projectId, {
    operation: "edit",
    prompt: "on a marble table",
    inputAssetIds: assets.map((a) => a.id),
  });
  return { row, assets };
}

const run = async (id: string) => {
  await refreshLists();
  await runGeneration(id, new AbortController().signal);
  return (await getGeneration(id))!;
};

describe("a job's input images", () => {
  it("go to the provider as file-backed Blobs: the runner reads no input into memory, the upstream gets them all", async () => {
    const { row, assets } = await editJob({ inputs: 3 });
    const store = storage();
    const read = vi.spyOn(store, "read");
    const blob = vi.spyOn(store, "blob");
    try {
      const g = await run(row.id);
      expect(g.status).toBe("succeeded");
      expect(read).not.toHaveBeenCalled();
      expect(blob.mock.calls.map(([key]) => key).sort()).toEqual(assets.map((a) => a.fileKey).sort());
    } finally {
      read.mockRestore();
      blob.mockRestore();
    }
    const sent = sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").at(-1)!;
    expect(sent.files?.map((f) => f.bytes)).toEqual(assets.map((a) => a.bytes));
  });

  it("fail the job clearly when an input's file is missing from the store", async () => {
    const { row, assets } = await editJob();
    await storage().delete(assets[1].fileKey);
    const edits = () => sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").length;
    const before = edits();
    const g = await run(row.id);
    expect(g.status).toBe("failed");
    expect(g.error).toMatchObject({ code: "invalid_request" });
    expect(g.error?.message).toBe(`The file of input asset ${assets[1].id} is missing`);
    expect(edits()).toBe(before); // nothing sent
  });
});
