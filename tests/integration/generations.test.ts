import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as listGenerations, POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { GET as getGeneration } from "@/app/api/projects/[projectId]/generations/[generationId]/route";
import { POST as cancel } from "@/app/api/projects/[projectId]/generations/[generationId]/cancel/route";
import { POST as retry } from "@/app/api/projects/[projectId]/generations/[generationId]/retry/route";
import { POST as cancelQueued } from "@/app/api/projects/[projectId]/generations/cancel-queued/route";
import { makeUser, tokenFor } from "@/tests/helpers/access";
import { GET as status } from "@/app/api/projects/[projectId]/generations/[generationId]/status/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { GET as getFile } from "@/app/api/assets/[assetId]/file/route";
import type { Asset } from "@/lib/contracts/assets";
import { findAsset } from "@/lib/assets/list-assets";
import { toAsset } from "@/lib/assets/serialize";
import type { Generation } from "@/lib/contracts/generations";
import { findGeneration } from "@/lib/generations";
import { jobRunner } from "@/lib/jobs/runner";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator({ listing: "legacy" });
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "3000", JOB_CONCURRENCY: "4" }));

const assetOf = async (id: string): Promise<Asset> => toAsset(await findAsset(id));

async function fileMeta(asset: Asset) {
  const res = await getFile(authedRequest(`http://x${asset.fileUrl}`), ctx({ assetId: asset.id }));
  return sharp(Buffer.from(await res.arrayBuffer())).metadata();
}

async function uploadImages(projectId: string, files: Buffer[], kind?: string): Promise<Asset[]> {
  const parts: Parameters<typeof multipart>[0] = files.map((b, i) => ({
    name: "file",
    value: b,
    filename: `${i}.png`,
  }));
  if (kind) parts.push({ name: "kind", value: kind });
  const res = await upload(
    authedRequest(`http://x/api/projects/${projectId}/assets`, { method: "POST", body: multipart(parts) }),
    ctx({ projectId }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets;
}

describe("generate", () => {
  it("runs n=3 to succeeded with 3 stored images of the requested size", async () => {
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-1",
      operation: "generate",
      prompt: "white-background photo of a ceramic mug",
      params: { n: 3, size: "1024x1536", quality: "low" },
    });
    expect(g0).toMatchObject({
      status: "queued",
      phase: "queued",
      current: 0,
      total: 3,
      assetIds: [],
      error: null,
      retryOf: null,
    });
    const g = await waitFor(projectId, g0.id);
    expect(g).toMatchObject({ status: "succeeded", phase: "done", current: 3, total: 3, error: null });
    expect(g.assetIds).toHaveLength(3);
    expect(g.usage).toBeTruthy();
    expect(g.startedAt && g.finishedAt).toBeTruthy();
    for (const id of g.assetIds) {
      const a = await assetOf(id);
      expect(a).toMatchObject({
        kind: "generated",
        width: 1024,
        height: 1536,
        model: "gpt-image-1",
        generationId: g.id,
        prompt: g0.prompt,
      });
      expect((await fileMeta(a)).width).toBe(1024);
    }
  });

  it("stores a dall-e-3 url answer with its revised prompt", async () => {
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, {
      model: "dall-e-3",
      operation: "generate",
      prompt: "a teapot",
      params: { response_format: "url", size: "1792x1024" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    const a = await assetOf(g.assetIds[0]);
    expect(a.revisedPrompt).toBeTruthy();
    expect(a.revisedPrompt).not.toBe(a.prompt);
    expect([a.width, a.height]).toEqual([1792, 1024]);
  });

  it("rejects what the model does not take before anything reaches the upstream", async () => {
    const projectId = await newProject();
    const before = sim.simulator.requests.length;
    const cases: [unknown, string, string][] = [
      [
        { model: "dall-e-3", operation: "generate", prompt: "x", params: { background: "transparent" } },
        "param_not_supported",
        "",
      ],
      [{ model: "dall-e-3", operation: "generate", prompt: "x", params: { n: 2 } }, "invalid_request", "params.n"],
      [
        { model: "dall-e-3", operation: "edit", prompt: "x", inputAssetIds: ["ast_00000000000000000000"] },
        "operation_not_supported",
        "",
      ],
      [
        {
          model: "gpt-image-1",
          operation: "generate",
          prompt: "x",
          params: { output_format: "jpeg", background: "transparent" },
        },
        "invalid_request",
        "",
      ],
      [{ model: "nope", operation: "generate", prompt: "x" }, "invalid_request", "model"],
      [{ model: "gpt-image-1", operation: "generate", prompt: "" }, "invalid_request", "prompt"],
      [
        { model: "gpt-image-1", operation: "edit", prompt: "x", inputAssetIds: ["ast_00000000000000000000"] },
        "invalid_request",
        "inputAssetIds.0",
      ],
    ];
    for (const [body, code, path] of cases) {
      const res = await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId }));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.code, JSON.stringify(body)).toBe(code);
      if (path) expect((err.details.issues as { path: string }[]).map((i) => i.path)).toContain(path);
    }
    const json = { "content-type": "application/json" };
    const bad = await postGeneration(
      authedRequest("http://x/", { method: "POST", headers: json, body: "{oops" }),
      ctx({ projectId }),
    );
    expect(bad.status).toBe(400);
    // The same body without a JSON content type is refused before it is read: 415.
    const untyped = await postGeneration(
      authedRequest("http://x/", { method: "POST", body: "{oops" }),
      ctx({ projectId }),
    );
    await errorOf(untyped, 415, "unsupported_media_type");
    for (const q of ["status=bogus", "limit=0", "limit=1000", "surprise=1"]) {
      const list = await listGenerations(authedRequest(`http://x/?${q}`), ctx({ projectId }));
      expect(list.status, q).toBe(400);
      expect((await errorOf(list)).code).toBe("invalid_request");
    }
    expect(sim.simulator.requests.length).toBe(before);
  });
});

describe("edit", () => {
  it("sends 2 image parts and the mask, and records the lineage", async () => {
    const projectId = await newProject();
    const [a, b] = await uploadImages(projectId, [await makeImage(256, 256), await makeImage(300, 200, "jpeg")]);
    const [mask] = await uploadImages(projectId, [await makeImage(256, 256, "png", { alpha: true })], "mask");
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-1",
      operation: "edit",
      prompt: "make it blue",
      inputAssetIds: [a.id, b.id],
      maskAssetId: mask.id,
      params: { size: "1024x1024", input_fidelity: "high" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/edits").at(-1)!;
    expect(req.files!.map((f) => f.name)).toEqual(["image", "image", "mask"]);
    expect(req.fields).toMatchObject({ model: "gpt-image-1", prompt: "make it blue", input_fidelity: "high" });
    const result = await assetOf(g.assetIds[0]);
    expect(result.kind).toBe("edit");
    expect(result.parentAssetIds).toEqual([a.id, b.id]);
  });

  it("refuses a mask whose size differs from the first image", async () => {
    const projectId = await newProject();
    const [a] = await uploadImages(projectId, [await makeImage(256, 256)]);
    const [mask] = await uploadImages(projectId, [await makeImage(128, 128, "png", { alpha: true })], "mask");
    const res = await postGeneration(
      jsonRequest("POST", "/", {
        model: "gpt-image-1",
        operation: "edit",
        prompt: "x",
        inputAssetIds: [a.id],
        maskAssetId: mask.id,
      }),
      ctx({ projectId }),
    );
    expect(res.status).toBe(400);
    expect(((await errorOf(res)).details.issues as { path: string }[])[0].path).toBe("maskAssetId");
  });
});

async function call(handler: typeof cancel, projectId: string, generationId: string, body?: unknown) {
  const init =
    body === undefined
      ? { method: "POST" }
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  return handler(authedRequest("http://x/", init), ctx({ projectId, generationId }));
}

describe("cancel and retry", () => {
  // A fault a test armed but did not use up (a request cancelled before it reached the simulator) must not
  // leak into the next test.
  beforeEach(() => sim.simulator.clearFaults());
  it("cancels while the upstream hangs: aborted, stays cancelled, second cancel is 409", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "hang", times: 1 });
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-1-mini",
      operation: "generate",
      prompt: "slow",
      params: {},
    });
    await waitFor(projectId, g0.id, (g) => g.status === "running" && g.phase === "generating");
    // "generating" is reported once the request is on its way; cancel only once the simulator has it (took the
    // hang), or the request would reach it later and take the next test's fault.
    const armed = () => (sim.simulator as unknown as { faults: { list(): unknown[] } }).faults.list().length;
    await expect.poll(armed).toBe(0);
    const res = await call(cancel, projectId, g0.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { generation: Generation }).generation.status).toBe("cancelled");
    await jobRunner().idle(); // the runner let go: the upstream request was aborted, not left hanging
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("cancelled");
    const again = await call(cancel, projectId, g0.id);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("conflict");
  });

  const FAULTS: [string, string][] = [
    ["rate_limit", "upstream_rate_limited"],
    ["quota", "upstream_quota"],
    ["auth", "upstream_auth"],
    ["forbidden", "upstream_auth"],
    ["server_error", "upstream_unavailable"],
    ["unavailable", "upstream_unavailable"],
    ["moderation", "upstream_moderation_blocked"],
    ["invalid_json", "upstream_bad_response"],
    ["truncated_base64", "upstream_bad_response"],
    ["hang", "upstream_timeout"],
  ];
  for (const [fault, code] of FAULTS) {
    it(`maps the ${fault} fault to ${code} with the request id, then retry succeeds`, async () => {
      const projectId = await newProject();
      sim.simulator.addFault({ kind: fault as never, times: 1 });
      const g0 = await startGeneration(projectId, {
        model: "gpt-image-1",
        operation: "generate",
        prompt: "fault",
        params: { quality: "low" },
      });
      const g = await waitFor(projectId, g0.id);
      expect(g.status).toBe("failed");
      expect(g.error?.code).toBe(code);
      if (fault !== "hang") {
        // The gateway's id (X-Oneapi-Request-Id) first; the vendor's x-request-id beside it (§J.3).
        expect(g.error?.requestId).toMatch(/^\d{20,}[A-Za-z0-9]+$/);
        expect(g.error?.vendorRequestId).toMatch(/^req_/);
        expect(g.error?.httpStatus).toBeTypeOf("number");
      }
      const st = (await (await status(authedRequest("http://x/"), ctx({ projectId, generationId: g0.id }))).json()) as {
        error: { code: string };
      };
      expect(st.error.code).toBe(code);

      const failedList = await listGenerations(authedRequest(`http://x/?status=failed`), ctx({ projectId }));
      expect(((await failedList.json()) as { generations: Generation[] }).generations[0].id).toBe(g0.id);

      const r = await call(retry, projectId, g0.id);
      expect(r.status).toBe(202);
      const g1 = ((await r.json()) as { generation: Generation }).generation;
      expect(g1.retryOf).toBe(g0.id);
      expect(g1.params).toEqual(g0.params);
      expect((await waitFor(projectId, g1.id)).status).toBe("succeeded");
      expect((await call(retry, projectId, g1.id)).status).toBe(409);
    });
  }

  it("keeps a partial result: 2 of 3 saved, missing 1, and Retry missing asks for n=1", async () => {
    const projectId = await newProject();
    // gpt-image-2 sends one request per image: the fault takes one of the three.
    sim.simulator.addFault({ kind: "server_error", times: 1, path: "/v1/images/generations" });
    const g0 = await startGeneration(projectId, {
      model: "gpt-image-2",
      operation: "generate",
      prompt: "three mugs",
      params: { n: 3, quality: "low" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g).toMatchObject({ status: "failed", current: 2, total: 3, missing: 1 });
    expect(g.assetIds).toHaveLength(2);
    expect(g.error?.code).toBe("upstream_unavailable");
    const st = (await (await status(authedRequest("http://x/"), ctx({ projectId, generationId: g0.id }))).json()) as {
      missing: number;
    };
    expect(st.missing).toBe(1);

    const sent = sim.simulator.requests.length;
    const r = await call(retry, projectId, g0.id, { missing: true });
    expect(r.status).toBe(202);
    const g1 = ((await r.json()) as { generation: Generation }).generation;
    expect(g1).toMatchObject({ retryOf: g0.id, total: 1, missing: 0, params: { ...g0.params, n: 1 } });
    const done = await waitFor(projectId, g1.id);
    expect(done).toMatchObject({ status: "succeeded", current: 1 });
    const images = sim.simulator.requests.slice(sent).filter((x) => x.path === "/v1/images/generations");
    expect(images).toHaveLength(1); // one image paid for, not three

    // Nothing missing, or nothing saved: 409 with the counts; the whole retry still works for the latter.
    expect((await call(retry, projectId, g1.id, { missing: true })).status).toBe(409);
    sim.simulator.addFault({ kind: "server_error", times: 1, path: "/v1/images/generations" });
    const none = await waitFor(
      projectId,
      (await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "x", params: {} })).id,
    );
    expect(none).toMatchObject({ status: "failed", current: 0, missing: 1 });
    const refused = await call(retry, projectId, none.id, { missing: true });
    expect((await errorOf(refused, 409, "conflict")).details).toMatchObject({ current: 0, total: 1 });
    expect((await call(retry, projectId, none.id, { missing: false })).status).toBe(202);
  });

  it("cancels all queued jobs at once, only those the caller may cancel, leaving running ones", async () => {
    const projectId = await newProject();
    // Users first: the hangs end at UPSTREAM_TIMEOUT_MS (3 s), and a password hash takes a while.
    const creator = await makeUser("creator");
    const token = await tokenFor(creator.id);
    const viewer = await tokenFor((await makeUser("viewer")).id);
    sim.simulator.addFault({ kind: "hang", times: 4, path: "/v1/images/generations" });
    const body = { model: "gpt-image-2", operation: "generate", prompt: "q", params: { quality: "low" } };
    const running = await Promise.all(Array.from({ length: 4 }, () => startGeneration(projectId, body)));
    await Promise.all(running.map((g) => waitFor(projectId, g.id, (x) => x.status === "running")));
    const queued = await Promise.all(Array.from({ length: 2 }, () => startGeneration(projectId, body)));
    const theirs = (await (
      await postGeneration(
        jsonRequest("POST", `/api/projects/${projectId}/generations`, body, token),
        ctx({ projectId }),
      )
    ).json()) as { generation: Generation };
    const asCreator = await cancelQueued(authedRequest("http://x/", { method: "POST" }, token), ctx({ projectId }));
    expect(await asCreator.json()).toEqual({ cancelled: [theirs.generation.id], skipped: 2 });
    const asAdmin = await cancelQueued(authedRequest("http://x/", { method: "POST" }), ctx({ projectId }));
    expect(await asAdmin.json()).toEqual({ cancelled: queued.map((g) => g.id), skipped: 0 });
    for (const g of queued) expect((await waitFor(projectId, g.id)).status).toBe("cancelled");
    for (const g of running) expect((await findGeneration(projectId, g.id)).status).toBe("running");
    await errorOf(
      await cancelQueued(authedRequest("http://x/", { method: "POST" }, viewer), ctx({ projectId })),
      403,
      "forbidden",
    );
    for (const g of running) await call(cancel, projectId, g.id);
    await jobRunner().idle();
    // Bad input: the error shape, never a 5xx.
    const post = (id: string) => cancelQueued(authedRequest("http://x/", { method: "POST" }), ctx({ projectId: id }));
    await errorOf(await post("prj_00000000000000000000"), 404, "not_found");
    await errorOf(await post("nope"), 404, "not_found"); // a malformed id is one that does not exist
  });

  it("answers 404 for a generation reached through another project", async () => {
    const p1 = await newProject();
    const p2 = await newProject();
    const g0 = await startGeneration(p1, { model: "gpt-image-1-mini", operation: "generate", prompt: "x", params: {} });
    await waitFor(p1, g0.id);
    expect((await getGeneration(authedRequest("http://x/"), ctx({ projectId: p2, generationId: g0.id }))).status).toBe(
      404,
    );
    expect((await call(cancel, p2, g0.id)).status).toBe(404);
    expect((await call(retry, p2, "gen_00000000000000000000")).status).toBe(404);
  });
});

describe("restart recovery", () => {
  it("fails jobs a crash left running as interrupted and resumes queued ones", async () => {
    const { insertGeneration } = await import("@/lib/db/generations");
    const { boot } = await import("@/lib/boot");
    const { newId } = await import("@/lib/ids");
    const projectId = await newProject();
    const now = new Date().toISOString();
    const base = {
      projectId,
      provider: "dmxapi_openai_img" as const,
      model: "gpt-image-1-mini",
      operation: "generate" as const,
      prompt: "crash",
      params: { n: 1 },
      inputAssetIds: [],
      current: 0,
      total: 1,
      createdAt: now,
      updatedAt: now,
    };
    const running = await insertGeneration({
      ...base,
      id: newId("gen"),
      status: "running",
      phase: "generating",
      startedAt: now,
    });
    const queued = await insertGeneration({ ...base, id: newId("gen"), status: "queued", phase: "queued" });

    const report = await boot();
    expect(report.interrupted).toBe(1);
    expect(report.resumed).toBe(1);
    const r = await waitFor(projectId, running.id);
    expect(r.status).toBe("failed");
    expect(r.error?.code).toBe("interrupted");
    expect((await waitFor(projectId, queued.id)).status).toBe("succeeded");
    // Interrupted jobs are retryable with one call.
    expect((await call(retry, projectId, running.id)).status).toBe(202);
    await jobRunner().idle();
  });
});
