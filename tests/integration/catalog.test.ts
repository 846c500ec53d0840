/**
 * The live model catalog against the simulator playing today's gateway (docs/api.md "Models: a live
 * catalog", docs/upstreams.md §J): availability from the gateway's lists, model_unavailable with nothing
 * sent, snapshot ids with their family's card, the list down, the new-api dialect, chosen params only,
 * streamed previews, retry on a replacement.
 */
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getModels } from "@/app/api/models/route";
import { POST as refresh } from "@/app/api/models/refresh/route";
import { POST as retry } from "@/app/api/projects/[projectId]/generations/[generationId]/retry/route";
import { GET as status } from "@/app/api/projects/[projectId]/generations/[generationId]/status/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { refreshLists } from "@/lib/catalog";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";
import type { ModelsCatalog } from "@/lib/contracts/models";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "5000" }));

async function catalog(): Promise<ModelsCatalog> {
  return (await (await getModels(authedRequest("http://x/api/models"), undefined)).json()) as ModelsCatalog;
}
const model = (c: ModelsCatalog, id: string) => c.models.find((m) => m.id === id);
const sent = (path: string) => sim.simulator.requests.filter((r) => r.path === path).length;

/** Set what the simulated gateway lists, and make the studio read it again. */
async function listing(models: { id: string; shutdownDate?: string | null }[] | "today") {
  sim.simulator.setModels(models === "today" ? "today" : models.map((m) => ({ shutdownDate: null, ...m })));
  await refreshLists();
}

beforeEach(async () => {
  sim.simulator.reset();
  await refreshLists();
});

describe("availability from the gateway's lists", () => {
  it("marks a model the list lacks unavailable, and refuses its generation with nothing sent", async () => {
    const c = await catalog();
    expect(model(c, "gpt-image-1")).toMatchObject({
      availability: "unavailable",
      source: "builtin",
      family: "gpt-image-1",
    });
    expect(model(c, "gpt-image-2")).toMatchObject({ availability: "available", replacements: [] });
    expect(c.providers.find((p) => p.id === "dmxapi_openai_img")?.catalog).toMatchObject({ ok: true, error: null });
    const projectId = await newProject();
    const before = sent("/v1/images/generations");
    const res = await postGeneration(
      jsonRequest("POST", `/api/projects/${projectId}/generations`, {
        model: "gpt-image-1",
        operation: "generate",
        prompt: "mug",
      }),
      ctx({ projectId }),
    );
    const err = await errorOf(res, 400, "model_unavailable");
    expect(err.details).toMatchObject({ model: "gpt-image-1", shutdownDate: "2026-10-23" });
    expect(err.details.suggested).toEqual(expect.arrayContaining(["gpt-image-2"]));
    expect(sent("/v1/images/generations")).toBe(before);
  });

  it("offers a listed gpt-image-2 snapshot with the gpt-image-2 card, and generates with it", async () => {
    const c = await catalog();
    const snap = model(c, "gpt-image-2-2026-04-21");
    const base = model(c, "gpt-image-2")!;
    expect(snap).toMatchObject({ family: "gpt-image-2", source: "gateway", availability: "available" });
    expect(snap?.params).toEqual(base.params);
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-2-2026-04-21",
      operation: "generate",
      prompt: "mug",
      params: { size: "1536x864" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/generations").at(-1)!;
    expect(req.json).toEqual({ model: "gpt-image-2-2026-04-21", prompt: "mug", size: "1536x864" });
  });

  it("a past shutdown date makes a listed model unavailable, a future one deprecated", async () => {
    await listing([
      { id: "gpt-image-2", shutdownDate: "2099-01-31" },
      { id: "gpt-image-2-ssvip", shutdownDate: "2020-01-01" },
      { id: "gemini-3-pro-image" },
    ]);
    const c = await catalog();
    expect(model(c, "gpt-image-2")).toMatchObject({ availability: "deprecated", shutdownDate: "2099-01-31" });
    expect(model(c, "gpt-image-2-ssvip")).toMatchObject({ availability: "unavailable", shutdownDate: "2020-01-01" });
    // Deprecated still runs; unavailable is refused and points at what the family still offers.
    expect(model(c, "gpt-image-2-ssvip")?.replacements).toEqual(["gpt-image-2"]);
    expect(c.defaultModel).toBe("gpt-image-2");
  });

  it("an unreadable list makes every model of that gateway unknown, and generation still works", async () => {
    sim.simulator.addFault({ kind: "model_list_down" } as never);
    await refreshLists();
    const c = await catalog();
    expect(model(c, "gpt-image-1")?.availability).toBe("unknown");
    expect(model(c, "gpt-image-2")?.availability).toBe("unknown");
    const state = c.providers.find((p) => p.id === "dmxapi_openai_img")!.catalog;
    expect(state.ok).toBe(false);
    expect(state.error).toMatch(/503/);
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "mug" });
    expect((await waitFor(projectId, g0.id)).status).toBe("succeeded");
  });

  it("Ark publishes no list: its models stay unknown and usable", async () => {
    const c = await catalog();
    expect(model(c, "doubao-seedream-4-0-250828")?.availability).toBe("unknown");
    expect(c.providers.find((p) => p.id === "ark")!.catalog.error).toMatch(/no model list/);
  });

  it("POST /api/models/refresh reads the lists again", async () => {
    sim.simulator.setModels([{ id: "gpt-image-1", shutdownDate: null }]);
    expect(model(await catalog(), "gpt-image-1")?.availability).toBe("unavailable");
    const c = (await (
      await refresh(authedRequest("http://x/api/models/refresh", { method: "POST" }), undefined)
    ).json()) as ModelsCatalog;
    expect(model(c, "gpt-image-1")?.availability).toBe("available");
    expect(model(c, "gpt-image-2")?.availability).toBe("unavailable");
  });
});

describe("the gateway's dialect (docs/upstreams.md §J.3)", () => {
  const CODES: [string, string][] = [
    ["insufficient_user_quota", "upstream_quota"],
    ["pre_consume_token_quota_failed", "upstream_quota"],
    ["sensitive_words_detected", "upstream_moderation_blocked"],
    ["prompt_blocked", "upstream_moderation_blocked"],
    ["model_not_found", "upstream_model_unavailable"],
  ];
  it.each(CODES)("%s ends the job as %s, with the gateway's request id first", async (fault, code) => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: fault as never, times: 1 });
    const g0 = await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "mug" });
    const g = await waitFor(projectId, g0.id);
    const last = sim.simulator.requests.filter((r) => r.path === "/v1/images/generations").at(-1)!;
    expect(g.error).toMatchObject({ code, requestId: last.gatewayId, vendorRequestId: last.id });
    expect(g.requestId).toBe(last.gatewayId);
  });

  it("a model the gateway says it has no channel for is taken off the list at once", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "model_not_found", times: 1 } as never);
    const g0 = await startGeneration(projectId, { model: "gpt-image-2-ssvip", operation: "generate", prompt: "mug" });
    await waitFor(projectId, g0.id);
    expect(model(await catalog(), "gpt-image-2-ssvip")?.availability).toBe("unavailable");
  });
});

async function uploadOne(projectId: string, png: Buffer): Promise<Asset> {
  const res = await upload(
    authedRequest(`http://x/api/projects/${projectId}/assets`, {
      method: "POST",
      body: multipart([{ name: "file", value: png, filename: "a.png" }]),
    }),
    ctx({ projectId }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets[0];
}

describe("only what the user chose is sent", () => {
  it("an edit without a chosen input_fidelity sends none (nor any other unchosen default)", async () => {
    await listing([{ id: "gpt-image-1.5" }]);
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(64, 64));
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-1.5",
      operation: "edit",
      prompt: "make it blue",
      inputAssetIds: [src.id],
    });
    expect((await waitFor(projectId, g0.id)).status).toBe("succeeded");
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").at(-1)!;
    expect(req.fields).toEqual({ model: "gpt-image-1.5", prompt: "make it blue" });
    expect(g0.params).toEqual({});
  });

  it("checks the mask before anything is sent: alpha, size, PNG", async () => {
    const projectId = await newProject();
    const src = await uploadOne(projectId, await makeImage(64, 64));
    const opaque = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    const mask = await uploadOne(projectId, opaque);
    const before = sent("/v1/images/edits");
    const res = await postGeneration(
      jsonRequest("POST", `/api/projects/${projectId}/generations`, {
        model: "gpt-image-2",
        operation: "edit",
        prompt: "x",
        inputAssetIds: [src.id],
        maskAssetId: mask.id,
      }),
      ctx({ projectId }),
    );
    const err = await errorOf(res, 400, "invalid_request");
    expect(JSON.stringify(err.details)).toMatch(/alpha channel/);
    expect(sent("/v1/images/edits")).toBe(before);
  });
});

describe("streamed previews", () => {
  it("shows at least one preview while the job runs, then the final image replaces them", async () => {
    sim.simulator.setLatency(1500);
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-2",
      operation: "generate",
      prompt: "mug",
      params: { partial_images: 2 },
    });
    const running = await waitFor(
      projectId,
      g0.id,
      (g) => g.previews.length > 0 || (g.status !== "running" && g.status !== "queued"),
    );
    expect(running.status).toBe("running");
    expect(running.previews[0]).toMatch(new RegExp(`^/api/projects/${projectId}/generations/${g0.id}/previews/\\d$`));
    const view = (await (
      await status(authedRequest("http://x/"), ctx({ projectId, generationId: g0.id }))
    ).json()) as GenerationStatusView;
    expect(view.previews.length).toBeGreaterThan(0);
    const done = await waitFor(projectId, g0.id);
    expect(done.status).toBe("succeeded");
    expect(done.previews).toEqual([]);
    expect(done.assetIds).toHaveLength(1);
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/generations").at(-1)!;
    expect(req.json).toMatchObject({ stream: true, partial_images: 2 });
  });
});

describe("retry of a job whose model has gone", () => {
  it("is refused on the old model with its replacements, and runs on the replacement when asked", async () => {
    await listing([{ id: "gpt-image-1" }, { id: "gpt-image-2" }]);
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "server_error", times: 1 });
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-1",
      operation: "generate",
      prompt: "mug",
      params: { background: "transparent", quality: "low" },
    });
    expect((await waitFor(projectId, g0.id)).status).toBe("failed");
    await listing([{ id: "gpt-image-2" }]);
    const path = `/api/projects/${projectId}/generations/${g0.id}/retry`;
    const refused = await retry(
      authedRequest(`http://x${path}`, { method: "POST" }),
      ctx({ projectId, generationId: g0.id }),
    );
    const err = await errorOf(refused, 400, "model_unavailable");
    expect(err.details.suggested).toEqual(["gpt-image-2"]);
    const res = await retry(
      jsonRequest("POST", path, { model: "gpt-image-2" }),
      ctx({ projectId, generationId: g0.id }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
    const g1 = ((await res.json()) as { generation: Generation }).generation;
    // gpt-image-2 takes no transparent background: that choice is left out, the rest carried over.
    expect(g1).toMatchObject({ model: "gpt-image-2", retryOf: g0.id, params: { quality: "low" } });
    expect((await waitFor(projectId, g1.id)).status).toBe("succeeded");
  });
});
