import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import { ALL_MODELS, BASE, expectIds, jsonRequest, KEY, readJson } from "@/tests/helpers/simulator-requests";

const goog = { auth: null, headers: { "x-goog-api-key": KEY } };
const geminiBody = { contents: [{ parts: [{ text: "a mug" }] }] };

describe("X-Oneapi-Request-Id and x-request-id", () => {
  it("differ on every answer: success, error, lists, control, files, Gemini and Ark", async () => {
    const sim = createSimulator(ALL_MODELS);
    const dalle = await sim.handle(
      jsonRequest("/v1/images/generations", { model: "dall-e-2", prompt: "x", size: "256x256" }),
    );
    const [{ url }] = (await readJson(dalle.clone())).data as { url: string }[];
    const answers = [
      dalle,
      await sim.handle(jsonRequest("/v1/images/generations", { model: "gpt-image-2", prompt: "" })),
      await sim.handle(new Request(`${BASE}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } })),
      await sim.handle(new Request(`${BASE}/v1beta/models`, { headers: { "x-goog-api-key": KEY } })),
      await sim.handle(new Request(`${BASE}/_control`)),
      await sim.handle(new Request(url)),
      await sim.handle(jsonRequest("/v1beta/models/gemini-3-pro-image:generateContent", geminiBody, goog)),
      await sim.handle(jsonRequest("/api/v3/images/generations", { model: "doubao-seedream-4-0-250828", prompt: "" })),
      await sim.handle(new Request(`${BASE}/nowhere`)),
    ];
    const seen = new Set<string>();
    for (const res of answers) {
      const { gateway, upstream } = expectIds(res);
      seen.add(gateway).add(upstream);
    }
    expect(seen.size).toBe(answers.length * 2);
  });

  it("records both ids of each request", async () => {
    const sim = createSimulator();
    const res = await sim.handle(jsonRequest("/v1/images/generations", { model: "gpt-image-2", prompt: "x" }));
    const { gateway, upstream } = expectIds(res);
    expect(sim.requests[0]).toMatchObject({ id: upstream, gatewayId: gateway });
  });

  it("ends gateway-fronted error messages with the gateway's id, and Ark's with its own", async () => {
    const sim = createSimulator();
    const openai = await sim.handle(jsonRequest("/v1/images/generations", { model: "gpt-image-2", prompt: "x", n: 0 }));
    const o = expectIds(openai);
    expect(String((await readJson(openai)).error?.message)).toMatch(new RegExp(`\\(request id: ${o.gateway}\\)$`));
    const gemini = await sim.handle(
      jsonRequest("/v1beta/models/gemini-3-pro-image:generateContent", { contents: [] }, goog),
    );
    const g = expectIds(gemini);
    expect(String((await readJson(gemini)).error?.message)).toMatch(new RegExp(`\\(request id: ${g.gateway}\\)$`));
    const ark = await sim.handle(jsonRequest("/api/v3/images/generations", { model: "doubao-seedream-4-0-250828" }));
    const a = expectIds(ark);
    expect(String((await readJson(ark)).error?.message)).toMatch(new RegExp(`\\(request id: ${a.upstream}\\)$`));
  });
});
