/**
 * The run skeleton every provider shares (lib/providers/kit/run.ts, transport.ts), exercised through each
 * provider: deadlines, the caller's abort, connection failures and the one retry, caller bugs, and the key
 * redacted in every form an upstream may echo it in. Each provider's own error table is tested beside it.
 */
import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/errors";
import { arkProvider } from "@/lib/providers/ark";
import { dmxapiGeminiProvider } from "@/lib/providers/dmxapi-gemini";
import { dmxapiOpenAiImgProvider } from "@/lib/providers/dmxapi-openai-img";
import type { ImageProvider, ProviderRequest } from "@/lib/providers/types";
import { closedPort, sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG } from "@/tests/helpers/image-fixtures";
import { fakeGateway, rejection, upstreamFailure } from "@/tests/helpers/provider-setup";
import { echoedKeyForms, holdsKey } from "@/tests/helpers/redaction";

interface Case {
  name: string;
  provider: ImageProvider;
  key: string;
  /** Appended to the fake's origin (Ark's base URL ends in /api/v3). */
  path: string;
  gen: ProviderRequest;
  ok: unknown;
  /** An error body in this upstream's envelope. */
  error: (message: string) => unknown;
}

const IMAGE = [{ bytes: PNG, mimeType: "image/png", filename: "a.png" }];
const CASES: Case[] = [
  {
    name: "OpenAI-img",
    provider: dmxapiOpenAiImgProvider,
    key: "sk-live-9f8e7d6c5b4a39281706abcdef",
    path: "",
    gen: { model: "gpt-image-2", operation: "generate", prompt: "mug", params: {}, images: [] },
    ok: { created: 1, data: [{ b64_json: b64(PNG) }] },
    error: (message) => ({ error: { message, type: "invalid_request_error", param: null, code: null } }),
  },
  {
    name: "Gemini",
    provider: dmxapiGeminiProvider,
    key: "sk-live-gemini-9f8e7d6c5b4a3928170",
    path: "",
    gen: { model: "gemini-3-pro-image", operation: "generate", prompt: "mug", params: {}, images: [] },
    ok: { candidates: [{ content: { parts: [{ inlineData: { mimeType: "image/png", data: b64(PNG) } }] } }] },
    error: (message) => ({ error: { code: 400, message, status: "INVALID_ARGUMENT" } }),
  },
  {
    name: "Ark",
    provider: arkProvider,
    key: "sk-7c1d2e3f-4a5b-46c7-98d9-0e1f2a3b4c5d",
    path: "/api/v3",
    gen: { model: "doubao-seedream-4-0-250828", operation: "generate", prompt: "mug", params: {}, images: [] },
    ok: { model: "m", created: 1, data: [{ b64_json: b64(JPEG) }] },
    error: (message) => ({ error: { code: "AuthenticationError", message, type: "Unauthorized" } }),
  },
];

describe.each(CASES)("$name", ({ provider, key, path, gen, ok, error }) => {
  const fake = fakeGateway();
  const config = (over: Parameters<typeof fake.config>[1] = {}) => fake.config(key, over, path);
  const edit: ProviderRequest = { ...gen, operation: "edit", images: IMAGE };

  describe("timeouts and cancellation", () => {
    it("fails with upstream_timeout when the upstream never answers (timeoutMs 200)", async () => {
      fake.handler = () => undefined; // hold the request open
      const started = Date.now();
      const e = await upstreamFailure(provider.run(gen, config({ timeoutMs: 200 })));
      expect(e.code).toBe("upstream_timeout");
      expect(e.noWorkDone).toBe(false);
      // Bounded by the timeout, with room for a loaded CI machine (the default bound would be minutes).
      expect(Date.now() - started).toBeLessThan(5000);
      expect(fake.requests).toHaveLength(1);
    });

    it("times out a body that stalls after the headers", async () => {
      fake.handler = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data":[');
      };
      expect((await upstreamFailure(provider.run(gen, config({ timeoutMs: 200 })))).code).toBe("upstream_timeout");
    });

    it("rejects promptly with an AbortError when the caller aborts, not with an upstream failure", async () => {
      fake.handler = () => undefined;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const e = await rejection(provider.run({ ...edit, signal: controller.signal }, config({ timeoutMs: 10_000 })));
      expect(e).not.toBeInstanceOf(UpstreamError);
      expect((e as Error).name).toBe("AbortError");
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it("keeps AbortError even for a custom abort reason", async () => {
      fake.handler = () => undefined;
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("user cancelled")), 50);
      const e = await rejection(provider.run({ ...gen, signal: controller.signal }, config()));
      expect((e as Error).name).toBe("AbortError");
    });

    it("sends nothing when the signal is already aborted", async () => {
      const e = await rejection(provider.run({ ...gen, signal: AbortSignal.abort() }, config()));
      expect((e as Error).name).toBe("AbortError");
      expect(fake.requests).toHaveLength(0);
    });

    it("a throwing onPhase is not disguised as an upstream outage", async () => {
      fake.handler = (_req, res) => sendJson(res, 200, ok);
      const boom = new Error("phase store failed");
      const onPhase = (p: string) => {
        if (p === "generating") throw boom;
      };
      expect(await rejection(provider.run({ ...gen, onPhase }, config()))).toBe(boom);
    });
  });

  describe("connection failures", () => {
    it("retries a refused connection once, then fails with upstream_unavailable and noWorkDone", async () => {
      const port = await closedPort();
      let calls = 0;
      const counting: typeof fetch = (input, init) => {
        calls++;
        return fetch(input, init);
      };
      const e = await upstreamFailure(
        provider.run(gen, { ...config({ fetch: counting }), baseUrl: `http://127.0.0.1:${port}${path}` }),
      );
      expect(e.code).toBe("upstream_unavailable");
      expect(e.noWorkDone).toBe(true);
      expect(e.httpStatus).toBeNull();
      expect(e.message).not.toContain(key);
      expect(calls).toBe(2);
    });

    it("succeeds when the retry gets through", async () => {
      fake.handler = (_req, res) => sendJson(res, 200, ok);
      let calls = 0;
      const refusedOnce: typeof fetch = (input, init) => {
        calls++;
        if (calls > 1) return fetch(input, init);
        const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return Promise.reject(new TypeError("fetch failed", { cause }));
      };
      const r = await provider.run(edit, config({ fetch: refusedOnce }));
      expect(r.images).toHaveLength(1);
      expect(calls).toBe(2);
      expect(fake.requests).toHaveLength(1);
    });

    it("does not retry a connection dropped mid-request (work may have been done)", async () => {
      fake.handler = (_req, res) => void res.socket?.destroy();
      const e = await upstreamFailure(provider.run(gen, config()));
      expect(e.code).toBe("upstream_unavailable");
      expect(e.noWorkDone).toBe(false);
      expect(fake.requests).toHaveLength(1);
    });

    it("an abort during the retry pause is still an AbortError", async () => {
      const port = await closedPort();
      const controller = new AbortController();
      const refusing: typeof fetch = (input, init) => {
        setTimeout(() => controller.abort(), 20);
        return fetch(input, init);
      };
      const base = { ...config({ fetch: refusing }), baseUrl: `http://127.0.0.1:${port}${path}` };
      const e = await rejection(provider.run({ ...gen, signal: controller.signal }, base));
      expect((e as Error).name).toBe("AbortError");
    });
  });

  describe("never lets the key out, in any form an upstream echoes it in", () => {
    it.each(echoedKeyForms(key).map((f) => [f.label, f] as const))("%s", async (_label, form) => {
      const rid = `rid-${form.text.replace(/[^\x21-\x7e]/g, "").slice(-60)}`;
      fake.handler = (_req, res) => sendJson(res, 400, error(form.text), { "x-request-id": rid });
      const e = await upstreamFailure(provider.run(gen, config()));
      const stored = JSON.stringify(e.toGenerationError());
      for (const leak of form.leaks) expect(stored).not.toContain(leak);
      expect(holdsKey(stored, key)).toBe(false);
      expect(holdsKey(e.message, key)).toBe(false);
    });
  });
});
