import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import {
  expectGatewayError,
  expectIds,
  formRequest,
  jsonRequest,
  KEY,
  png,
  readJson,
} from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
const gemini = (model: string) => `/v1beta/models/${model}:generateContent`;
const goog = { auth: null, headers: { "x-goog-api-key": KEY } };
const geminiBody = { contents: [{ parts: [{ text: "a mug" }] }] };
const noChannel = (model: string, gateway: string) =>
  `当前分组 default 下对于模型 ${model} 无可用渠道 (request id: ${gateway})`;

describe("ids the gateway does not list", () => {
  it.each([
    "dall-e-3",
    "dall-e-2",
    "gpt-image-1",
    "gpt-image-1.5",
    "gpt-image-1.5-2025-12-16",
    "gpt-image-1-mini",
    "chatgpt-image-latest",
  ])("refuses %s on generations with new-api's 503 model_not_found", async (model) => {
    const res = await createSimulator().handle(jsonRequest(GEN, { model, prompt: "a mug" }));
    const { gateway } = expectIds(res.clone());
    expect(await expectGatewayError(res, 503, "model_not_found")).toBe(noChannel(model, gateway));
  });

  it("refuses an unlisted id on edits before looking at the images", async () => {
    const res = await createSimulator().handle(
      formRequest("/v1/images/edits", { model: "gpt-image-1", prompt: "x" }, [
        { name: "image", bytes: await png(64, 64) },
      ]),
    );
    await expectGatewayError(res, 503, "model_not_found");
  });

  it.each(["gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview"])(
    "refuses %s on the Gemini route in the gateway's envelope, not Google's",
    async (model) => {
      const res = await createSimulator().handle(jsonRequest(gemini(model), geminiBody, goog));
      const { gateway } = expectIds(res.clone());
      const body = await readJson(res);
      expect(res.status).toBe(503);
      expect(body).toEqual({
        error: { message: noChannel(model, gateway), type: "new_api_error", param: null, code: "model_not_found" },
      });
    },
  );

  it("refuses before checking parameters or consuming faults aimed at the model", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "rate_limit", model: "gpt-image-1" });
    await expectGatewayError(
      await sim.handle(jsonRequest(GEN, { model: "gpt-image-1", prompt: "x", style: "vivid" })),
      503,
      "model_not_found",
    );
    expect(sim.requests.at(-1)?.status).toBe(503);
    sim.setModels("all");
    expect((await sim.handle(jsonRequest(GEN, { model: "gpt-image-1", prompt: "x" }))).status).toBe(429);
  });

  it("keeps refusing ids it knows nothing about as before", async () => {
    const sim = createSimulator({ models: "all" });
    await expectGatewayError(
      await sim.handle(jsonRequest(GEN, { model: "gpt-image-9", prompt: "x" })),
      503,
      "model_not_found",
    );
    const res = await sim.handle(jsonRequest(gemini("gemini-9-image"), geminiBody, goog));
    expect(res.status).toBe(503);
    expect((await readJson(res)).error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
  });

  it("serves a legacy id once the listing names it", async () => {
    const sim = createSimulator();
    sim.setModels([{ id: "dall-e-3" }, { id: "gemini-3-pro-image-preview" }]);
    expect((await sim.handle(jsonRequest(GEN, { model: "dall-e-3", prompt: "x" }))).status).toBe(200);
    expect((await sim.handle(jsonRequest(gemini("gemini-3-pro-image-preview"), geminiBody, goog))).status).toBe(200);
    await expectGatewayError(
      await sim.handle(jsonRequest(GEN, { model: "gpt-image-2", prompt: "x" })),
      503,
      "model_not_found",
    );
  });

  it("leaves Ark alone: it has no list and its route takes its ids whatever the listing", async () => {
    const sim = createSimulator();
    sim.setModels([]);
    const res = await sim.handle(
      jsonRequest("/api/v3/images/generations", { model: "doubao-seedream-4-0-250828", prompt: "x", size: "1K" }),
    );
    expect(res.status).toBe(200);
  });
});

describe("shutdown dates", () => {
  const at = (day: string) => () => new Date(`${day}T12:00:00Z`);

  it("serves a listed id until its shutdown day, then refuses it the same way while still listing it", async () => {
    let today = "2026-10-22";
    const sim = createSimulator({
      models: [{ id: "gpt-image-1", shutdownDate: "2026-10-23" }],
      now: () => at(today)(),
    });
    expect((await sim.handle(jsonRequest(GEN, { model: "gpt-image-1", prompt: "x" }))).status).toBe(200);
    expect(sim.models).toEqual([{ id: "gpt-image-1", api: "openai", shutdownDate: "2026-10-23", served: true }]);
    today = "2026-10-23";
    await expectGatewayError(
      await sim.handle(jsonRequest(GEN, { model: "gpt-image-1", prompt: "x" })),
      503,
      "model_not_found",
    );
    expect(sim.models[0].served).toBe(false);
    const list = (await (
      await sim.handle(new Request("http://127.0.0.1/v1/models", { headers: { authorization: KEY } }))
    ).json()) as {
      data: { id: string; shutdown_date: string }[];
    };
    expect(list.data).toEqual([expect.objectContaining({ id: "gpt-image-1", shutdown_date: "2026-10-23" })]);
  });

  it("judges Gemini ids by their dates too (real clock: a past day)", async () => {
    const sim = createSimulator({ models: [{ id: "gemini-3-pro-image", shutdownDate: "2020-01-01" }] });
    const res = await sim.handle(jsonRequest(gemini("gemini-3-pro-image"), geminiBody, goog));
    expect(res.status).toBe(503);
    expect((await readJson(res)).error).toMatchObject({ type: "new_api_error", code: "model_not_found" });
  });

  it("keeps serving legacy ids under the `all` preset although their vendor dates have passed", async () => {
    const sim = createSimulator({ models: "all", now: at("2027-01-01") });
    expect(sim.models.find((m) => m.id === "dall-e-3")).toEqual({
      id: "dall-e-3",
      api: "openai",
      shutdownDate: "2026-05-12",
      served: true,
    });
    expect((await sim.handle(jsonRequest(GEN, { model: "dall-e-3", prompt: "x" }))).status).toBe(200);
  });
});
