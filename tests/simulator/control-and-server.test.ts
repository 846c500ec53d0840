import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, getSimulator, startSimulatorServer } from "@/lib/simulator";
import {
  ALL_MODELS,
  BASE,
  expectIds,
  expectOpenAIError,
  jsonRequest,
  KEY,
  meta,
  readJson,
} from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
const control = (path: string, method = "GET", body?: unknown) =>
  new Request(`${BASE}/sim${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });

describe("control endpoints", () => {
  it("injects faults, sets latency, lists requests and resets, without auth", async () => {
    const sim = createSimulator({ latencyMs: 5 });
    const added = await sim.handle(
      control("/_control/faults", "POST", { kind: "server_error", times: 0, model: "gpt-image-2" }),
      "/sim",
    );
    expect(added.status).toBe(204);
    expectIds(added);
    expect((await sim.handle(control("/_control/latency", "POST", { ms: 20 }), "/sim")).status).toBe(204);
    expect((await sim.handle(jsonRequest(`/sim${GEN}`, { model: "gpt-image-2", prompt: "x" }), "/sim")).status).toBe(
      500,
    );
    const state = await readJson(await sim.handle(control("/_control"), "/sim"));
    expect(state.latencyMs).toBe(20);
    expect(state.faults).toEqual([{ kind: "server_error", times: 0, model: "gpt-image-2", remaining: null }]);
    expect(state.requests).toEqual([
      expect.objectContaining({ path: GEN, status: 500, method: "POST", contentType: "json" }),
    ]);
    expect((await sim.handle(control("/_control/faults", "DELETE"), "/sim")).status).toBe(204);
    expect((await sim.handle(jsonRequest(`/sim${GEN}`, { model: "gpt-image-2", prompt: "x" }), "/sim")).status).toBe(
      200,
    );
    expect((await sim.handle(control("/_control/reset", "POST"), "/sim")).status).toBe(204);
    const after = await readJson(await sim.handle(control("/_control"), "/sim"));
    expect(after).toEqual({
      faults: [],
      latencyMs: 5,
      models: { preset: "today", models: expect.any(Array) },
      requests: [],
      inFlight: { now: 0, peak: 0 },
    });
  });

  it("counts POSTs in flight now and at most at once", async () => {
    const sim = createSimulator({ latencyMs: 40 });
    const gen = () => sim.handle(jsonRequest(`/sim${GEN}`, { model: "gpt-image-2", prompt: "x" }), "/sim");
    const three = Promise.all([gen(), gen(), gen()]);
    await new Promise((r) => setTimeout(r, 10));
    expect(sim.inFlight).toEqual({ now: 3, peak: 3 });
    await three;
    await gen();
    const state = await readJson(await sim.handle(control("/_control"), "/sim"));
    expect(state.inFlight).toEqual({ now: 0, peak: 3 });
    sim.reset();
    expect(sim.inFlight).toEqual({ now: 0, peak: 0 });
  });

  it("refuses a malformed fault rule", async () => {
    const sim = createSimulator();
    expect((await sim.handle(control("/_control/faults", "POST", { kind: "meteor" }), "/sim")).status).toBe(400);
    expect((await sim.handle(control("/_control/latency", "POST", { ms: -1 }), "/sim")).status).toBe(400);
  });
});

describe("routing, files and the request log", () => {
  it("answers unknown paths with 404 in the route's envelope", async () => {
    const sim = createSimulator();
    await expectOpenAIError(await sim.handle(new Request(`${BASE}/v1/chat/completions`, { method: "POST" })), 404);
    await expectOpenAIError(await sim.handle(new Request(`${BASE}${GEN}`)), 404);
    const gemini = await readJson(await sim.handle(new Request(`${BASE}/v1beta/tunedModels`)));
    expect(gemini.error).toMatchObject({ code: 404, status: "NOT_FOUND" });
  });

  it("evicts old files (404 afterwards) and forgets them on reset", async () => {
    const sim = createSimulator(ALL_MODELS);
    const urls: string[] = [];
    for (let i = 0; i < 21; i++) {
      const b = await readJson(
        await sim.handle(jsonRequest(GEN, { model: "dall-e-2", prompt: "tiny", size: "256x256", n: 10 })),
      );
      urls.push(...(b.data as { url: string }[]).map((d) => d.url));
    }
    expect((await sim.handle(new Request(urls[0]))).status).toBe(404);
    expect((await sim.handle(new Request(urls.at(-1)!))).status).toBe(200);
    sim.reset();
    await expectOpenAIError(await sim.handle(new Request(urls.at(-1)!)), 404);
  });

  it("keeps the last 200 requests, oldest first", async () => {
    const sim = createSimulator();
    for (let i = 0; i < 205; i++) await sim.handle(new Request(`${BASE}/nope/${i}`));
    expect(sim.requests).toHaveLength(200);
    expect(sim.requests[0].path).toBe("/nope/5");
    expect(sim.requests[199].path).toBe("/nope/204");
  });

  it("keeps one process-wide simulator", () => {
    expect(getSimulator()).toBe(getSimulator({ latencyMs: 999 }));
  });
});

describe("startSimulatorServer (real HTTP on 127.0.0.1)", () => {
  let server: Awaited<ReturnType<typeof startSimulatorServer>>;
  beforeAll(async () => {
    server = await startSimulatorServer({ apiKey: KEY, ...ALL_MODELS });
  });
  afterAll(() => server.close());

  it("serves generations, its own file URLs and the control endpoints", async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.origin}${GEN}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "dall-e-3", prompt: "a lamp", quality: "hd" }),
    });
    expect(res.status).toBe(200);
    expectIds(res);
    const [item] = ((await res.json()) as { data: { url: string }[] }).data;
    expect(item.url.startsWith(`${server.origin}/files/`)).toBe(true);
    const file = await fetch(item.url);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect((await meta(new Uint8Array(await file.arrayBuffer()))).width).toBe(1024);
    const state = (await (await fetch(`${server.origin}/_control`)).json()) as { requests: { path: string }[] };
    expect(state.requests.map((r) => r.path)).toEqual([GEN, item.url.slice(server.origin.length)]);
  });

  it("refuses a wrong key over HTTP", async () => {
    const res = await fetch(`${server.origin}${GEN}`, {
      method: "POST",
      headers: { authorization: "Bearer nope" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it("lets a client abort a hanging request, and the simulator notices", async () => {
    await fetch(`${server.origin}/_control/faults`, { method: "POST", body: JSON.stringify({ kind: "hang" }) });
    const ac = new AbortController();
    const t = performance.now();
    setTimeout(() => ac.abort(), 100);
    await expect(
      fetch(`${server.origin}${GEN}`, {
        method: "POST",
        headers: { authorization: KEY, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-image-1", prompt: "x" }),
        signal: ac.signal,
      }),
    ).rejects.toThrow();
    expect(performance.now() - t).toBeLessThan(1000);
    await expect.poll(() => server.simulator.requests.at(-1)?.status).toBe(499);
  });
});
