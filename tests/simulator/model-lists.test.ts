import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import { expectOpenAIError, jsonRequest, KEY, readJson } from "@/tests/helpers/simulator-requests";
import { geminiList, get, openaiList, TODAY_GEMINI, TODAY_OPENAI } from "./list-helpers";

describe("GET /v1/models and /v1beta/models (today's listing)", () => {
  it("lists every id the key may use on /v1/models: the gpt-image-2 line and the Gemini ids, none shut down", async () => {
    const list = await openaiList(createSimulator());
    expect(list.object).toBe("list");
    expect(list.data.map((m) => m.id)).toEqual([...TODAY_OPENAI, ...TODAY_GEMINI]);
    for (const m of list.data) {
      expect(m).toEqual({ id: m.id, object: "model", created: expect.any(Number), owned_by: expect.any(String) });
      expect(m.created).toBeGreaterThan(1_600_000_000);
    }
    expect(list.data.find((m) => m.id === "gpt-image-2")?.owned_by).toBe("openai");
  });

  it("lists the Gemini ids only on /v1beta/models, as models/<id> with generateContent", async () => {
    const list = await geminiList(createSimulator());
    expect(list.models.map((m) => m.name)).toEqual(TODAY_GEMINI.map((id) => `models/${id}`));
    expect(list.models[1]).toEqual({
      name: "models/gemini-3-pro-image",
      displayName: "Gemini 3 Pro Image",
      supportedGenerationMethods: ["generateContent"],
    });
  });

  it("checks the key like the other routes: Bearer on /v1, x-goog-api-key / ?key= / Authorization on /v1beta", async () => {
    const sim = createSimulator({ apiKey: KEY });
    await expectOpenAIError(await sim.handle(get("/v1/models", {})), 401, "missing_api_key");
    await expectOpenAIError(
      await sim.handle(get("/v1/models", { authorization: "Bearer sk-wrong" })),
      401,
      "invalid_api_key",
    );
    const goog = await sim.handle(get("/v1beta/models", {}));
    expect(goog.status).toBe(401);
    expect((await readJson(goog)).error).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
    expect((await sim.handle(get(`/v1beta/models?key=${KEY}`, {}))).status).toBe(200);
    expect((await sim.handle(get("/v1beta/models", { authorization: KEY }))).status).toBe(200);
    expect(sim.requests.map((r) => r.authScheme)).toEqual(["none", "bearer", "none", "query", "bare"]);
  });

  it("answers POST on a list path with the route's 404", async () => {
    const res = await createSimulator().handle(jsonRequest("/v1/models", {}));
    await expectOpenAIError(res, 404, "not_found");
  });
});

describe("model_list_down", () => {
  it("makes both lists answer 503, each in its envelope, and leaves other routes alone", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "model_list_down", times: 2 });
    expect(
      (await sim.handle(jsonRequest("/v1/images/generations", { model: "gpt-image-2", prompt: "x" }))).status,
    ).toBe(200);
    const err = await expectOpenAIError(await sim.handle(get("/v1/models")), 503, "service_unavailable");
    expect(err.type).toBe("server_error");
    const g = await sim.handle(get("/v1beta/models", { "x-goog-api-key": KEY }));
    expect(g.status).toBe(503);
    expect((await readJson(g)).error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
    expect((await sim.handle(get("/v1/models"))).status).toBe(200);
  });

  it("is the only fault a list sees without naming its path: a blanket fault waits for the next generation", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "server_error" });
    expect((await sim.handle(get("/v1/models"))).status).toBe(200);
    expect(
      (await sim.handle(jsonRequest("/v1/images/generations", { model: "gpt-image-2", prompt: "x" }))).status,
    ).toBe(500);
    sim.addFault({ kind: "rate_limit", path: "/v1beta/" });
    expect((await sim.handle(get("/v1beta/models", { "x-goog-api-key": KEY }))).status).toBe(200);
    sim.clearFaults();
    sim.addFault({ kind: "rate_limit", path: "/v1/models" });
    expect((await sim.handle(get("/v1/models"))).status).toBe(429);
  });
});
