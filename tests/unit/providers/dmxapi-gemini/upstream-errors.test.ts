/** Gemini error answers → UpstreamError codes, request ids, the key kept out, timeouts, aborts. */
import { describe, expect, it } from "vitest";
import { dmxapiGeminiProvider as provider } from "@/lib/providers/dmxapi-gemini";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, PNG } from "@/tests/helpers/image-fixtures";

const KEY = "sk-live-gemini-9f8e7d6c5b4a3928170";
const fake = fakeGateway();

const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over);
const GEN: ProviderRequest = {
  model: "gemini-2.5-flash-image",
  operation: "generate",
  prompt: "mug",
  params: { aspect_ratio: "1:1" },
  images: [],
};
const EDIT: ProviderRequest = {
  ...GEN,
  operation: "edit",
  images: [{ bytes: PNG, mimeType: "image/png", filename: "a.png" }],
};
const ok = {
  candidates: [
    { content: { parts: [{ inlineData: { mimeType: "image/png", data: b64(PNG) } }] }, finishReason: "STOP" },
  ],
};

const google = (code: number, status: string, message: string, reason?: string) => ({
  error: {
    code,
    message,
    status,
    ...(reason
      ? { details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com" }] }
      : {}),
  },
});
const newApi = (message: string, code: string | null, type = "new_api_error") => ({
  error: { message, type, param: null, code },
});

describe("HTTP errors map to UpstreamError codes, with request id and status, and are not retried", () => {
  const rows: [number, unknown, string][] = [
    [
      400,
      google(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID"),
      "upstream_auth",
    ],
    [
      400,
      google(400, "INVALID_ARGUMENT", "Unsupported aspect ratio '7:3' for gemini-2.5-flash-image."),
      "upstream_invalid_request",
    ],
    [
      400,
      google(400, "FAILED_PRECONDITION", "User location is not supported for the API use."),
      "upstream_invalid_request",
    ],
    [401, google(401, "UNAUTHENTICATED", "Method doesn't allow unregistered callers."), "upstream_auth"],
    [403, google(403, "PERMISSION_DENIED", "Permission denied: the caller does not have permission."), "upstream_auth"],
    [403, newApi("该令牌额度已用尽 (request id: r403)", "insufficient_user_quota"), "upstream_quota"],
    [404, google(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta"), "upstream_invalid_request"],
    [
      429,
      google(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
      "upstream_rate_limited",
    ],
    [
      429,
      google(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details."),
      "upstream_quota",
    ],
    [429, "Too Many Requests", "upstream_rate_limited"],
    [500, google(500, "INTERNAL", "An internal error has occurred."), "upstream_unavailable"],
    [502, "<html><body>Bad Gateway</body></html>", "upstream_unavailable"],
    [503, google(503, "UNAVAILABLE", "The model is overloaded. Please try again later."), "upstream_unavailable"],
    [503, newApi("当前分组 default 下对于模型 gemini-9 无可用渠道", "model_not_found"), "upstream_model_unavailable"],
    [500, newApi("检测到敏感词 (request id: g500)", "sensitive_words_detected"), "upstream_moderation_blocked"],
    [400, newApi("prompt blocked (request id: g400)", "prompt_blocked"), "upstream_moderation_blocked"],
    [403, newApi("预扣费额度失败 (request id: g403)", "pre_consume_token_quota_failed"), "upstream_quota"],
    [504, google(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."), "upstream_timeout"],
    [524, "", "upstream_timeout"],
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
    expect(fake.requests).toHaveLength(1);
    const vendor = gatewayId ? { vendorRequestId: `req_${status}` } : {};
    const requestId = gatewayId ?? `req_${status}`;
    expect(e.toGenerationError()).toEqual({ code, message: e.message, requestId, httpStatus: status, ...vendor });
  });

  it("keeps Google's status, reason and message in the error message", async () => {
    fake.handler = (_req, res) =>
      sendJson(
        res,
        400,
        google(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID"),
      );
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.message).toBe(
      "Gemini upstream answered 400 [INVALID_ARGUMENT/API_KEY_INVALID]: API key not valid. Please pass a valid API key.",
    );
  });

  it("reads Google's one-element array envelope", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 429, [google(429, "RESOURCE_EXHAUSTED", "Quota exceeded: exceeded your current quota")]);
    expect((await upstreamFailure(provider.run(GEN, config()))).code).toBe("upstream_quota");
  });

  it("takes the request id from x-oneapi-request-id, then from the message suffix", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 500, google(500, "INTERNAL", "boom"), { "x-oneapi-request-id": "oneapi-9" });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).toBe("oneapi-9");
    fake.handler = (_req, res) =>
      sendJson(res, 503, google(503, "UNAVAILABLE", "The model is overloaded. (request id: 20260821-gm)"));
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).toBe("20260821-gm");
  });

  it("a 200 that carries only an error envelope is mapped by the envelope's own code", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 200, google(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted"), {
        "x-request-id": "req_200err",
      });
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect([e.code, e.httpStatus, e.requestId]).toEqual(["upstream_rate_limited", 200, "req_200err"]);
  });

  it("maps edit errors the same way", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 400, google(400, "INVALID_ARGUMENT", "Unable to process input image."), {
        "x-request-id": "req_edit",
      });
    const e = await upstreamFailure(provider.run(EDIT, config()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_invalid_request", "req_edit", 400]);
  });
});

describe("the key never leaves in an error", () => {
  it.each([
    ["the key itself", `API key not valid: ${KEY}`],
    ["the key without sk-", `无效的令牌 ${KEY.slice(3)} (request id: r1)`],
    ["a header echo", `bad header 'x-goog-api-key: ${KEY}'`],
  ])("redacts %s", async (_what, message) => {
    fake.handler = (_req, res) => sendJson(res, 401, google(401, "UNAUTHENTICATED", message));
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe("upstream_auth");
    expect(e.message).not.toContain(KEY.slice(3));
    expect(e.message).toContain("[redacted]");
    expect(JSON.stringify(e.toGenerationError())).not.toContain(KEY.slice(3));
  });

  it("redacts a key echoed in a request id header or in an answer's responseId", async () => {
    fake.handler = (_req, res) => sendJson(res, 500, google(500, "INTERNAL", "x"), { "x-request-id": `id-${KEY}` });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).not.toContain(KEY);
    fake.handler = (_req, res) => sendJson(res, 200, { ...ok, responseId: `resp-${KEY}` });
    expect((await provider.run(GEN, config())).requestId).toBe("resp-[redacted]");
  });

  it("keeps a Google-style AIza key out too", async () => {
    const aiza = "AIzaSyA1234567890abcdefghijklmnopqrstu";
    fake.handler = (_req, res) =>
      sendJson(res, 400, google(400, "INVALID_ARGUMENT", `API key ${aiza} not valid`, "API_KEY_INVALID"));
    expect((await upstreamFailure(provider.run(GEN, config({ apiKey: aiza })))).message).not.toContain(aiza);
  });
});

describe("input size", () => {
  it("refuses inline images over 20 MB before sending anything", async () => {
    const big = new Uint8Array(16 * 1024 * 1024);
    big.set(PNG);
    const e = await upstreamFailure(
      provider.run(
        {
          ...EDIT,
          model: "gemini-3-pro-image-preview",
          images: [{ bytes: big, mimeType: "image/png", filename: "big.png" }],
        },
        config(),
      ),
    );
    expect(e.code).toBe("upstream_invalid_request");
    expect(e.message).toMatch(/at most 20\.0 MB of inline data/);
    expect(fake.requests).toHaveLength(0);
  });
});
