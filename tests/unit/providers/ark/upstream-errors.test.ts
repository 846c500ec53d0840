/** Ark error answers → UpstreamError codes, request ids, the key kept out, timeouts, aborts. */
import { describe, expect, it } from "vitest";
import { arkProvider as provider } from "@/lib/providers/ark";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { rejection, upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG } from "@/tests/helpers/image-fixtures";

const KEY = "7c1d2e3f-4a5b-46c7-98d9-0e1f2a3b4c5d";
const fake = fakeGateway();

/** ARK_BASE_URL already ends in /api/v3. */
const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over, "/api/v3");
const GEN: ProviderRequest = {
  model: "doubao-seedream-3-0-t2i-250415",
  operation: "generate",
  prompt: "mug",
  params: { size: "1024x1024" },
  images: [],
};
const EDIT: ProviderRequest = {
  model: "doubao-seededit-3-0-i2i-250628",
  operation: "edit",
  prompt: "mug",
  params: {},
  images: [{ bytes: PNG, mimeType: "image/png", filename: "a.png" }],
};

const ark = (code: string, message: string, type = "BadRequest", param?: string) => ({
  error: { code, message, ...(param ? { param } : {}), type },
});

describe("HTTP errors map to UpstreamError codes, with request id and status, and are not retried", () => {
  const rows: [number, unknown, string][] = [
    [
      400,
      ark("InvalidParameter", "The parameter `size` specified in the request is not valid.", "BadRequest", "size"),
      "upstream_invalid_request",
    ],
    [400, ark("MissingParameter", "missing `prompt`"), "upstream_invalid_request"],
    [
      400,
      ark(
        "InputTextSensitiveContentDetected",
        "The request failed because the input text may contain sensitive information.",
      ),
      "upstream_moderation_blocked",
    ],
    [
      400,
      ark("InputImageSensitiveContentDetected", "The input image may contain sensitive information."),
      "upstream_moderation_blocked",
    ],
    [
      401,
      ark("AuthenticationError", "The API key in the request is missing or invalid.", "Unauthorized"),
      "upstream_auth",
    ],
    [403, ark("AccessDenied", "You do not have access to the requested resource.", "Forbidden"), "upstream_auth"],
    [
      403,
      ark("AccountOverdueError", "The request failed because your account has an overdue balance.", "Forbidden"),
      "upstream_quota",
    ],
    [
      404,
      ark("InvalidEndpointOrModel.NotFound", "The model or endpoint x does not exist.", "NotFound"),
      "upstream_invalid_request",
    ],
    [
      429,
      ark("RateLimitExceeded.EndpointRPMExceeded", "The request has exceeded the RPM rate limit.", "TooManyRequests"),
      "upstream_rate_limited",
    ],
    [
      429,
      ark("QuotaExceeded", "The request has exceeded the quota of your account.", "TooManyRequests"),
      "upstream_quota",
    ],
    [
      429,
      ark("SetLimitExceeded", "You have reached the limit set in the safe experience mode.", "TooManyRequests"),
      "upstream_quota",
    ],
    [
      429,
      ark("ServerOverloaded", "The service is currently unable to handle additional requests.", "TooManyRequests"),
      "upstream_unavailable",
    ],
    [429, "Too Many Requests", "upstream_rate_limited"],
    [
      500,
      ark("InternalServiceError", "The service encountered an unexpected internal error.", "InternalServerError"),
      "upstream_unavailable",
    ],
    [502, "<html><body>Bad Gateway</body></html>", "upstream_unavailable"],
    [503, ark("ServerOverloaded", "overloaded", "ServiceUnavailable"), "upstream_unavailable"],
    [504, ark("RequestTimeout", "The request timed out.", "GatewayTimeout"), "upstream_timeout"],
    [413, "", "upstream_invalid_request"],
  ];

  it.each(rows)("%i %j → %s", async (status, body, code) => {
    fake.handler = (_req, res) => sendJson(res, status, body, { "x-request-id": `req_${status}` });
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe(code);
    expect(e.httpStatus).toBe(status);
    expect(e.requestId).toBe(`req_${status}`);
    expect(fake.requests).toHaveLength(1);
    expect(e.toGenerationError()).toEqual({ code, message: e.message, requestId: `req_${status}`, httpStatus: status });
  });

  it("keeps Ark's code, param and message in the error message", async () => {
    fake.handler = (_req, res) =>
      sendJson(
        res,
        400,
        ark("InvalidParameter", "total pixels must be within [921600, 16777216]", "BadRequest", "size"),
      );
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.message).toBe(
      "Ark upstream answered 400 [InvalidParameter size]: total pixels must be within [921600, 16777216]",
    );
  });

  it("takes the request id from x-tt-logid, then from Ark's 'Request id:' message tail", async () => {
    fake.handler = (_req, res) => sendJson(res, 500, ark("InternalServiceError", "boom"), { "x-tt-logid": "logid-1" });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).toBe("logid-1");
    fake.handler = (_req, res) =>
      sendJson(res, 400, ark("InvalidParameter", "bad size. Request id: 021755123456789abcdef"));
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).toBe("021755123456789abcdef");
  });

  it("maps edit errors the same way", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 400, ark("InvalidParameter", "image must be at most 10 MB", "BadRequest", "image"), {
        "x-request-id": "req_edit",
      });
    const e = await upstreamFailure(provider.run(EDIT, config()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_invalid_request", "req_edit", 400]);
  });
});

describe("the key never leaves in an error", () => {
  it.each([
    ["the key itself", `The API key ${KEY} is invalid.`],
    ["a bearer header echo", `bad header 'Authorization: Bearer ${KEY}'`],
  ])("redacts %s", async (_what, message) => {
    fake.handler = (_req, res) => sendJson(res, 401, ark("AuthenticationError", message, "Unauthorized"));
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe("upstream_auth");
    expect(e.message).not.toContain(KEY);
    expect(e.message).toContain("[redacted]");
    expect(JSON.stringify(e.toGenerationError())).not.toContain(KEY);
  });

  it("redacts a key echoed in a request id or in a per-image error", async () => {
    fake.handler = (_req, res) => sendJson(res, 500, ark("InternalServiceError", "x"), { "x-request-id": `id-${KEY}` });
    expect((await upstreamFailure(provider.run(GEN, config()))).requestId).not.toContain(KEY);
    fake.handler = (_req, res) =>
      sendJson(res, 200, { data: [{ error: { code: "X", message: `key ${KEY}` } }, { b64_json: b64(JPEG) }] });
    expect((await provider.run(GEN, config())).failures[0].message).not.toContain(KEY);
  });
});

describe("timeouts and cancellation", () => {
  it("aborts an image download too", async () => {
    const controller = new AbortController();
    fake.handler = (req, res) => {
      if (req.path.startsWith("/api/v3/")) {
        sendJson(res, 200, { data: [{ url: `${fake.origin}/files/slow.jpeg` }] });
        setTimeout(() => controller.abort(), 50);
      }
    };
    const e = await rejection(
      provider.run({ ...GEN, params: { response_format: "url" }, signal: controller.signal }, config()),
    );
    expect((e as Error).name).toBe("AbortError");
    expect(fake.requests.map((r) => r.path)).toEqual(["/api/v3/images/generations", "/files/slow.jpeg"]);
  });

  it("a download that never answers times out as upstream_timeout", async () => {
    fake.handler = (req, res) => {
      if (req.path.startsWith("/api/v3/")) sendJson(res, 200, { data: [{ url: `${fake.origin}/files/stuck.jpeg` }] });
    };
    const e = await upstreamFailure(provider.run(GEN, config({ timeoutMs: 200 })));
    expect([e.code, e.httpStatus]).toEqual(["upstream_timeout", 200]);
  });
});
