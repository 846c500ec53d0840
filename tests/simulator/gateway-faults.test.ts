import { describe, expect, it } from "vitest";
import { createSimulator, type FaultKind } from "@/lib/simulator";
import { expectGatewayError, expectIds, jsonRequest, KEY, readJson } from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
const GEMINI = "/v1beta/models/gemini-3-pro-image:generateContent";
const ARK = "/api/v3/images/generations";
const goog = { auth: null, headers: { "x-goog-api-key": KEY } };
const openaiBody = { model: "gpt-image-2", prompt: "a mug", quality: "low" };
const geminiBody = { contents: [{ parts: [{ text: "a mug" }] }] };

const CASES: [FaultKind, number, RegExp][] = [
  ["insufficient_user_quota", 403, /^用户额度不足/],
  ["pre_consume_token_quota_failed", 403, /^预扣费额度失败/],
  ["sensitive_words_detected", 500, /敏感词/],
  ["prompt_blocked", 400, /prompt blocked/],
  ["model_not_found", 503, /^当前分组 default 下对于模型 gpt-image-2 无可用渠道/],
];

describe("the new-api gateway's own refusals (faults)", () => {
  it.each(CASES)("%s answers %i with type new_api_error on the OpenAI route, once", async (kind, status, message) => {
    const sim = createSimulator();
    sim.addFault({ kind });
    expect(await expectGatewayError(await sim.handle(jsonRequest(GEN, openaiBody)), status, kind)).toMatch(message);
    expect((await sim.handle(jsonRequest(GEN, openaiBody))).status).toBe(200);
  });

  it.each(CASES)("%s answers %i in the same new-api envelope on the Gemini route", async (kind, status) => {
    const sim = createSimulator();
    sim.addFault({ kind });
    const res = await sim.handle(jsonRequest(GEMINI, geminiBody, goog));
    const { gateway } = expectIds(res);
    expect(res.status).toBe(status);
    const { error } = await readJson(res);
    expect(error).toMatchObject({ type: "new_api_error", code: kind, param: null });
    expect(String(error!.message).endsWith(` (request id: ${gateway})`)).toBe(true);
  });

  it("names the Gemini model in model_not_found", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "model_not_found" });
    const { error } = await readJson(await sim.handle(jsonRequest(GEMINI, geminiBody, goog)));
    expect(error?.message).toMatch(/^当前分组 default 下对于模型 gemini-3-pro-image 无可用渠道/);
  });

  it("does not reach Ark (no gateway in between) and stays armed for the next gateway request", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "insufficient_user_quota" });
    const ark = await sim.handle(jsonRequest(ARK, { model: "doubao-seedream-4-0-250828", prompt: "x", size: "1K" }));
    expect(ark.status).toBe(200);
    await expectGatewayError(await sim.handle(jsonRequest(GEN, openaiBody)), 403, "insufficient_user_quota");
  });

  it("matches on model and path like the other faults, and is accepted by the control endpoint", async () => {
    const sim = createSimulator();
    const add = await sim.handle(
      new Request("http://127.0.0.1/_control/faults", {
        method: "POST",
        body: JSON.stringify({ kind: "prompt_blocked", model: "gpt-image-2-ssvip", times: 0 }),
      }),
    );
    expect(add.status).toBe(204);
    expect((await sim.handle(jsonRequest(GEN, openaiBody))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await sim.handle(jsonRequest(GEN, { ...openaiBody, model: "gpt-image-2-ssvip" }));
      await expectGatewayError(res, 400, "prompt_blocked");
    }
  });
});
