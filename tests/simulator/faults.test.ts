import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSimulator, type FaultKind } from "@/lib/simulator";
import { ALL_MODELS, expectOpenAIError, jsonRequest, readJson } from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
const body = (model = "gpt-image-2", extra: Record<string, unknown> = {}) => ({
  model,
  prompt: "a mug",
  quality: "low",
  ...extra,
});

afterEach(() => vi.restoreAllMocks());

/** Asserts that every timer scheduled with `ms` was cleared again (nothing left behind after an abort). */
function watchTimers(ms: number): () => void {
  const set = vi.spyOn(globalThis, "setTimeout");
  const clear = vi.spyOn(globalThis, "clearTimeout");
  return () => {
    const ours = set.mock.calls.map((c, i) => [c[1], set.mock.results[i].value] as const).filter(([d]) => d === ms);
    expect(ours.length).toBeGreaterThan(0);
    for (const [, handle] of ours) expect(clear.mock.calls.some((c) => c[0] === handle)).toBe(true);
  };
}

describe("faults on the OpenAI routes", () => {
  it.each<[FaultKind, number, string, string]>([
    ["rate_limit", 429, "requests", "rate_limit_exceeded"],
    ["quota", 429, "insufficient_quota", "insufficient_quota"],
    ["auth", 401, "new_api_error", "invalid_api_key"],
    ["forbidden", 403, "new_api_error", "access_denied"],
    ["server_error", 500, "server_error", "server_error"],
    // An outage; the gateway's "no channel" 503 is its own fault kind, model_not_found.
    ["unavailable", 503, "server_error", "service_unavailable"],
    ["gateway_timeout", 504, "new_api_error", "gateway_timeout"],
  ])("%s answers %i in the OpenAI envelope, once", async (kind, status, type, code) => {
    const sim = createSimulator();
    sim.addFault({ kind });
    const err = await expectOpenAIError(await sim.handle(jsonRequest(GEN, body())), status, code);
    expect(err.type).toBe(type);
    expect((await sim.handle(jsonRequest(GEN, body()))).status).toBe(200);
  });

  it("says where to retry after a rate limit", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "rate_limit" });
    expect((await sim.handle(jsonRequest(GEN, body()))).headers.get("retry-after")).toBe("1");
  });

  it("blocks gpt-image with moderation_blocked and dall-e-3 with content_policy_violation", async () => {
    const sim = createSimulator(ALL_MODELS);
    sim.addFault({ kind: "moderation", times: 2 });
    const a = await expectOpenAIError(await sim.handle(jsonRequest(GEN, body())), 400, "moderation_blocked");
    expect(a.type).toBe("image_generation_user_error");
    const b = await expectOpenAIError(
      await sim.handle(jsonRequest(GEN, { model: "dall-e-3", prompt: "x" })),
      400,
      "content_policy_violation",
    );
    expect(b.type).toBe("invalid_request_error");
  });

  it("answers 200 with a body that is not JSON under invalid_json", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "invalid_json" });
    const res = await sim.handle(jsonRequest(GEN, body()));
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it("cuts the base64 image mid-way under truncated_base64", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "truncated_base64" });
    const b = await readJson(await sim.handle(jsonRequest(GEN, body())));
    const b64 = (b.data as { b64_json: string }[])[0].b64_json;
    expect(b64.length % 4).not.toBe(0);
    await expect(sharp(Buffer.from(b64, "base64")).raw().toBuffer()).rejects.toThrow();
  });

  it("adds delayMs and then answers normally", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "delay", delayMs: 150 });
    const t = performance.now();
    expect((await sim.handle(jsonRequest(GEN, body()))).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it("hangs until the client aborts, then answers 499 at once", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "hang" });
    const ac = new AbortController();
    const t = performance.now();
    const pending = sim.handle(jsonRequest(GEN, body(), { signal: ac.signal }));
    setTimeout(() => ac.abort(), 100);
    const res = await pending;
    expect(res.status).toBe(499);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(sim.requests.at(-1)?.status).toBe(499);
  });

  it("stops waiting out the simulated latency when the client aborts, clearing its timer", async () => {
    const sim = createSimulator({ latencyMs: 60_000 });
    const check = watchTimers(60_000);
    const ac = new AbortController();
    const pending = sim.handle(jsonRequest(GEN, body(), { signal: ac.signal }));
    setTimeout(() => ac.abort(), 50);
    expect((await pending).status).toBe(499);
    check();
  });

  it("clears a delay fault's timer when the client aborts", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "delay", delayMs: 45_000 });
    const check = watchTimers(45_000);
    const ac = new AbortController();
    const pending = sim.handle(jsonRequest(GEN, body(), { signal: ac.signal }));
    setTimeout(() => ac.abort(), 50);
    expect((await pending).status).toBe(499);
    check();
  });

  it("counts `times` and keeps times: 0 until cleared", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "server_error", times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sim.handle(jsonRequest(GEN, body()))).status);
    expect(statuses).toEqual([500, 500, 200]);
    sim.addFault({ kind: "quota", times: 0 });
    for (let i = 0; i < 3; i++) expect((await sim.handle(jsonRequest(GEN, body()))).status).toBe(429);
    sim.clearFaults();
    expect((await sim.handle(jsonRequest(GEN, body()))).status).toBe(200);
  });

  it("matches on path prefix and on model", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "server_error", path: "/v1/images/edits" });
    sim.addFault({ kind: "rate_limit", model: "gpt-image-2-ssvip" });
    expect((await sim.handle(jsonRequest(GEN, body("gpt-image-2")))).status).toBe(200);
    expect((await sim.handle(jsonRequest(GEN, body("gpt-image-2-ssvip")))).status).toBe(429);
    expect((await sim.handle(jsonRequest("/v1/images/edits", body()))).status).toBe(500);
  });

  it("ignores partial_failure on OpenAI routes and keeps it armed", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "partial_failure" });
    const b = await readJson(await sim.handle(jsonRequest(GEN, body("gpt-image-2", { n: 2 }))));
    expect(b.data).toHaveLength(2);
    const res = await sim.handle(new Request("http://127.0.0.1/_control"));
    expect(((await readJson(res)).faults as unknown[]).length).toBe(1);
  });

  it("checks auth before faults and refuses a key other than the configured one", async () => {
    const sim = createSimulator({ apiKey: "sk-right" });
    const missing = await expectOpenAIError(
      await sim.handle(jsonRequest(GEN, body(), { auth: null })),
      401,
      "missing_api_key",
    );
    expect(missing.message).toMatch(/^未提供令牌/);
    await expectOpenAIError(
      await sim.handle(jsonRequest(GEN, body(), { auth: "Bearer sk-wrong" })),
      401,
      "invalid_api_key",
    );
    expect((await sim.handle(jsonRequest(GEN, body(), { auth: "sk-right" }))).status).toBe(200);
    expect((await sim.handle(jsonRequest(GEN, body(), { auth: "Bearer right" }))).status).toBe(200);
    expect(sim.requests.map((r) => r.authScheme)).toEqual(["none", "bearer", "bare", "bearer"]);
    expect(sim.requests[1].headers.authorization).toBe("<redacted>");
  });
});
