import { describe, expect, it } from "vitest";
import { dmxapiOpenAiImgProvider as provider } from "@/lib/providers/dmxapi-openai-img";
import { GATEWAYS } from "@/lib/providers/gateways";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { rejection, upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, PNG } from "@/tests/helpers/image-fixtures";

const KEY = "sk-live-9f8e7d6c5b4a39281706abcdef";
const fake = fakeGateway();

const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over);
const GEN: ProviderRequest = {
  model: "gpt-image-1",
  operation: "generate",
  prompt: "mug",
  params: { n: 1 },
  images: [],
};
const EDIT: ProviderRequest = {
  model: "gpt-image-1",
  operation: "edit",
  prompt: "mug",
  params: {},
  images: [{ bytes: PNG, mimeType: "image/png", filename: "a.png" }],
};
const ok = { created: 1, data: [{ b64_json: b64(PNG) }] };

const envelope = (message: string, code: string | null, type = "invalid_request_error") => ({
  error: { message, type, param: null, code },
});

describe("HTTP errors map to UpstreamError codes, with request id and status, and are not retried", () => {
  const rows: [number, unknown, string][] = [
    [401, envelope("Invalid token", "invalid_api_key"), "upstream_auth"],
    [403, envelope("Your organization must be verified to use the model `gpt-image-1`", null), "upstream_auth"],
    [429, envelope("You exceeded your current quota", "insufficient_quota", "insufficient_quota"), "upstream_quota"],
    [403, envelope("token quota is not enough", "insufficient_quota"), "upstream_quota"],
    [429, envelope("Rate limit exceeded for images per minute", "rate_limit_exceeded"), "upstream_rate_limited"],
    [429, "Too Many Requests", "upstream_rate_limited"],
    [
      400,
      envelope("Your request was rejected by the safety system", "moderation_blocked", "image_generation_user_error"),
      "upstream_moderation_blocked",
    ],
    [
      400,
      envelope("Your request was rejected as a result of our safety system", "content_policy_violation"),
      "upstream_moderation_blocked",
    ],
    [400, envelope("Invalid value for 'size'", "invalid_value"), "upstream_invalid_request"],
    [404, envelope("Invalid URL (POST /v1/images/generation)", null), "upstream_invalid_request"],
    [413, "request entity too large", "upstream_invalid_request"],
    [422, { error: "unprocessable" }, "upstream_invalid_request"],
    [500, envelope("internal error", null, "server_error"), "upstream_unavailable"],
    [502, "<html><body>Bad Gateway</body></html>", "upstream_unavailable"],
    // No channel for this model in the key's group: configuration, not an outage (§J.3).
    [
      503,
      envelope("当前分组 default 下对于模型 gpt-image-1 无可用渠道", null, "new_api_error"),
      "upstream_model_unavailable",
    ],
    // The new-api dialect's own codes mean the same at any status (§J.3).
    [403, envelope("用户额度不足 (request id: g403a)", "insufficient_user_quota", "new_api_error"), "upstream_quota"],
    [
      403,
      envelope("预扣费额度失败 (request id: g403b)", "pre_consume_token_quota_failed", "new_api_error"),
      "upstream_quota",
    ],
    [
      500,
      envelope("检测到敏感词 (request id: g500)", "sensitive_words_detected", "new_api_error"),
      "upstream_moderation_blocked",
    ],
    [
      400,
      envelope("prompt blocked (request id: g400)", "prompt_blocked", "new_api_error"),
      "upstream_moderation_blocked",
    ],
    [
      503,
      envelope("no available channel (request id: g503)", "model_not_found", "new_api_error"),
      "upstream_model_unavailable",
    ],
    [504, "Gateway Timeout", "upstream_timeout"],
    [524, "", "upstream_timeout"],
    [302, "", "upstream_bad_response"],
  ];

  it.each(rows)("%i %j → %s", async (status, body, code) => {
    fake.handler = (_req, res) => sendJson(res, status, body, { "x-request-id": `req_${status}` });
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe(code);
    expect(e.httpStatus).toBe(status);
    // A new-api gateway's own id (its "(request id: …)" suffix) comes first; the vendor's x-request-id beside it.
    const gatewayId = /request id: ([^)\s]+)/.exec(JSON.stringify(body))?.[1];
    expect(e.requestId).toBe(gatewayId ?? `req_${status}`);
    expect(e.vendorRequestId).toBe(gatewayId ? `req_${status}` : null);
    expect(e.noWorkDone).toBe(false);
    expect(fake.requests).toHaveLength(1);
    const vendor = gatewayId ? { vendorRequestId: `req_${status}` } : {};
    const requestId = gatewayId ?? `req_${status}`;
    expect(e.toGenerationError()).toEqual({ code, message: e.message, requestId, httpStatus: status, ...vendor });
  });

  it("keeps the upstream message and code in the error message", async () => {
    fake.handler = (_req, res) => sendJson(res, 400, envelope("Invalid value for 'size': 999x999", "invalid_value"));
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.message).toBe("OpenAI-img upstream answered 400 [invalid_value]: Invalid value for 'size': 999x999");
  });

  it("quotes a short plain-text body, never an HTML page", async () => {
    fake.handler = (_req, res) => sendJson(res, 429, "Too Many Requests");
    expect((await upstreamFailure(provider.run(GEN, config()))).message).toBe(
      "OpenAI-img upstream answered 429: Too Many Requests",
    );
    fake.handler = (_req, res) => sendJson(res, 502, "<html><body>Bad Gateway</body></html>");
    expect((await upstreamFailure(provider.run(GEN, config()))).message).toBe(
      "OpenAI-img upstream answered 502: no error message",
    );
  });

  it("takes the request id from x-oneapi-request-id, then from the message suffix", async () => {
    fake.handler = (_req, res) => sendJson(res, 500, envelope("boom", null), { "x-oneapi-request-id": "oneapi-1" });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).toBe("oneapi-1");
    fake.handler = (_req, res) =>
      sendJson(res, 503, envelope("no channel (request id: 2026082113250123456)", null, "new_api_error"));
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.requestId).toBe("2026082113250123456");
    expect(e.code).toBe("upstream_unavailable");
  });

  it("maps edit errors the same way", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 400, envelope("blocked", "moderation_blocked"), { "x-request-id": "req_edit" });
    const e = await upstreamFailure(provider.run(EDIT, config()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_moderation_blocked", "req_edit", 400]);
  });
});

describe("the key never leaves in an error", () => {
  it.each([
    ["the key itself", `Incorrect API key provided: ${KEY}. You can find your API key at …`],
    ["the key without sk-", `无效的令牌 ${KEY.slice(3)} (request id: r1)`],
    ["a bearer header echo", `bad header 'Authorization: Bearer ${KEY}'`],
  ])("redacts %s", async (_what, message) => {
    fake.handler = (_req, res) => sendJson(res, 401, envelope(message, "invalid_api_key"));
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe("upstream_auth");
    expect(e.message).not.toContain(KEY);
    expect(e.message).not.toContain(KEY.slice(3));
    expect(e.message).toContain("[redacted]");
    expect(JSON.stringify(e.toGenerationError())).not.toContain(KEY.slice(3));
  });

  it("redacts a key echoed in a request id header", async () => {
    fake.handler = (_req, res) => sendJson(res, 500, envelope("x", null), { "x-request-id": `id-${KEY}` });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).not.toContain(KEY);
  });
});

describe("timeouts and cancellation", () => {
  it("aborts an image download too", async () => {
    const controller = new AbortController();
    fake.handler = (req, res) => {
      if (req.path.startsWith("/v1/"))
        sendJson(res, 200, { created: 1, data: [{ url: `${fake.origin}/files/slow.png` }] });
      // The download has reached the server and is never answered: abort it there, whatever the machine's load.
      else controller.abort();
    };
    const e = await rejection(provider.run({ ...GEN, model: "dall-e-3", signal: controller.signal }, config()));
    expect((e as Error).name).toBe("AbortError");
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/images/generations", "/files/slow.png"]);
  });

  it("a download that never answers times out as upstream_timeout", async () => {
    fake.handler = (req, res) => {
      if (req.path.startsWith("/v1/"))
        sendJson(res, 200, { created: 1, data: [{ url: `${fake.origin}/files/stuck.png` }] });
    };
    const e = await upstreamFailure(provider.run({ ...GEN, model: "dall-e-3" }, config({ timeoutMs: 200 })));
    expect(e.code).toBe("upstream_timeout");
    expect(e.httpStatus).toBe(200);
  });
});

describe("request ids behind a new-api gateway (docs/upstreams.md §J.3)", () => {
  it("stores the gateway's X-Oneapi-Request-Id first and keeps the vendor's x-request-id beside it", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 500, envelope("boom", null), {
        "x-oneapi-request-id": "20261201123456789",
        "x-request-id": "req_v",
      });
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect([e.requestId, e.vendorRequestId]).toEqual(["20261201123456789", "req_v"]);
  });

  it("talking to OpenAI directly, the vendor's id is the id", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 500, envelope("boom", null), { "x-oneapi-request-id": "ignored", "x-request-id": "req_direct" });
    const e = await upstreamFailure(provider.run(GEN, config({ gateway: GATEWAYS.openai })));
    expect([e.requestId, e.vendorRequestId]).toEqual(["req_direct", null]);
  });

  it("reads both ids from a successful answer too", async () => {
    fake.handler = (_req, res) => sendJson(res, 200, ok, { "x-oneapi-request-id": "g-ok", "x-request-id": "req_ok" });
    const r = await provider.run(GEN, config());
    expect([r.requestId, r.vendorRequestId]).toEqual(["g-ok", "req_ok"]);
  });
});
