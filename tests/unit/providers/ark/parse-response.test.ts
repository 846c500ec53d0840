/** Every documented shape of an Ark images answer, including per-image errors inside a group. */
import { describe, expect, it } from "vitest";
import { arkProvider as provider } from "@/lib/providers/ark";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, GIF, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";

const KEY = "ark-answers-key-0123456789abcdef";
const fake = fakeGateway();

/** ARK_BASE_URL already ends in /api/v3. */
const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over, "/api/v3");
const GROUP: ProviderRequest = {
  model: "doubao-seedream-4-0-250828",
  operation: "generate",
  prompt: "a set of 3",
  params: { sequential_image_generation: "auto", max_images: 3 },
  images: [],
};
const USAGE = { generated_images: 2, output_tokens: 32768, total_tokens: 32768 };
const SENSITIVE = {
  code: "OutputImageSensitiveContentDetected",
  message: "The request failed because the output image may contain sensitive information.",
};

/** Answers the API call with `answer`, and serves `files` under /files/… for URL answers. */
function serve(
  answer: unknown,
  files: Record<string, { status?: number; bytes: Uint8Array }> = {},
  headers: Record<string, string> = {},
) {
  fake.handler = (req, res) => {
    if (req.path.startsWith("/api/v3/")) return sendJson(res, 200, answer, headers);
    const f = files[req.path];
    res.writeHead(f?.status ?? (f ? 200 : 404), { "content-type": "image/jpeg" });
    res.end(f ? Buffer.from(f.bytes) : undefined);
  };
}

describe("b64_json answers", () => {
  it("returns every image of the group, with usage, resolved size, request id, status and phases", async () => {
    const data = [
      { b64_json: b64(JPEG), size: "2048x2048" },
      { b64_json: b64(PNG), size: "2048x2048" },
      { b64_json: b64(WEBP), size: "2048x2048" },
    ];
    serve(
      { model: GROUP.model, created: 1757321139, data, usage: { ...USAGE, generated_images: 3 } },
      {},
      { "x-request-id": "req_ark1" },
    );
    const phases: string[] = [];
    const r = await provider.run({ ...GROUP, onPhase: (p) => phases.push(p) }, config());
    expect(r.images.map((i) => i.mimeType)).toEqual(["image/jpeg", "image/png", "image/webp"]);
    expect(r.images[0]).toEqual({ bytes: JPEG, mimeType: "image/jpeg", revisedPrompt: null });
    expect(r.failures).toEqual([]);
    expect(r.usage).toEqual({ ...USAGE, generated_images: 3 });
    expect(r.resolved).toEqual({ size: "2048x2048" });
    expect([r.requestId, r.httpStatus]).toEqual(["req_ark1", 200]);
    expect(phases).toEqual(["submitting", "generating", "downloading"]);
  });

  it("accepts the SDK's created_at and a missing usage", async () => {
    serve({ model: "m", created_at: 1757321139, data: [{ b64_json: b64(JPEG) }] });
    const r = await provider.run(GROUP, config());
    expect(r.images).toHaveLength(1);
    expect(r.usage).toBeNull();
    expect(r.resolved).toEqual({});
  });

  it("takes the request id from x-tt-logid when there is no x-request-id", async () => {
    serve({ data: [{ b64_json: b64(JPEG) }] }, {}, { "x-tt-logid": "20260821abcdef" });
    expect((await provider.run(GROUP, config())).requestId).toBe("20260821abcdef");
  });
});

describe("per-image errors inside data[] (a group where some images fail)", () => {
  it("keeps the images that came back and reports the failed one with its position and Ark's code", async () => {
    serve(
      {
        model: GROUP.model,
        created: 1,
        data: [
          { b64_json: b64(JPEG), size: "2048x2048" },
          { error: SENSITIVE },
          { b64_json: b64(JPEG), size: "2048x2048" },
        ],
        usage: USAGE,
      },
      {},
      { "x-request-id": "req_partial" },
    );
    const r = await provider.run(GROUP, config());
    expect(r.images).toHaveLength(2);
    expect(r.failures).toEqual([
      {
        index: 1,
        code: "upstream_moderation_blocked",
        message: `image 2 of 3: OutputImageSensitiveContentDetected: ${SENSITIVE.message}`,
      },
    ]);
    expect(r.requestId).toBe("req_partial");
    expect(r.usage).toEqual(USAGE);
  });

  it("maps an unknown per-image code to upstream_bad_response, keeping the code in the message", async () => {
    serve({ data: [{ error: { code: "InternalError.Render", message: "render failed" } }, { b64_json: b64(PNG) }] });
    const r = await provider.run(GROUP, config());
    expect(r.failures).toEqual([
      { index: 0, code: "upstream_bad_response", message: "image 1 of 2: InternalError.Render: render failed" },
    ]);
  });

  it("fails the run with the per-image code when every image of the group failed", async () => {
    serve(
      { data: [{ error: SENSITIVE }, { error: SENSITIVE }, { error: SENSITIVE }], usage: { generated_images: 0 } },
      {},
      { "x-request-id": "req_allbad" },
    );
    const e = await upstreamFailure(provider.run(GROUP, config()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_moderation_blocked", "req_allbad", 200]);
    expect(e.message).toContain("(all 3 images failed)");
  });

  it("a single failed image (no group) says so without a position", async () => {
    serve({ data: [{ error: SENSITIVE }] });
    const e = await upstreamFailure(provider.run({ ...GROUP, params: {} }, config()));
    expect(e.message).toBe(
      `no usable image in the Ark answer: OutputImageSensitiveContentDetected: ${SENSITIVE.message}`,
    );
  });

  it("reports an item that is not an image (GIF bytes, bad base64, nothing at all) as a failure", async () => {
    serve({ data: [{ b64_json: b64(GIF) }, { b64_json: "@@@" }, {}, { b64_json: b64(JPEG) }] });
    const r = await provider.run(GROUP, config());
    expect(r.images).toHaveLength(1);
    expect(r.failures.map((f) => [f.index, f.code, f.message])).toEqual([
      [0, "upstream_bad_response", "image 1 of 4: image data is not PNG, JPEG or WebP"],
      [1, "upstream_bad_response", "image 2 of 4: b64_json is not base64"],
      [2, "upstream_bad_response", "image 3 of 4: item has neither b64_json, url nor error"],
    ]);
  });
});

describe("url answers (response_format url)", () => {
  it("downloads each URL at once, without the Authorization header", async () => {
    serve(
      {
        data: [
          { url: `${fake.origin}/files/1.jpeg?X-Tos-Expires=86400&sig=abc`, size: "1024x1024" },
          { url: `${fake.origin}/files/2.jpeg`, size: "1024x1024" },
        ],
      },
      { "/files/1.jpeg?X-Tos-Expires=86400&sig=abc": { bytes: JPEG }, "/files/2.jpeg": { bytes: PNG } },
    );
    const r = await provider.run({ ...GROUP, params: { ...GROUP.params, response_format: "url" } }, config());
    expect(r.images.map((i) => i.mimeType)).toEqual(["image/jpeg", "image/png"]);
    const downloads = fake.requests.filter((q) => q.path.startsWith("/files/"));
    expect(downloads).toHaveLength(2);
    for (const d of downloads) expect(d.headers.authorization).toBeUndefined();
  });

  it("a download that fails is a failure of that image only, naming the host and never the signed URL", async () => {
    serve(
      { data: [{ url: `${fake.origin}/files/gone.jpeg?sig=SECRET` }, { url: `${fake.origin}/files/ok.jpeg` }] },
      { "/files/ok.jpeg": { bytes: JPEG } },
    );
    const r = await provider.run(GROUP, config());
    expect(r.images).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ index: 0, code: "upstream_bad_response" });
    expect(r.failures[0].message).toContain("answered 404");
    expect(r.failures[0].message).not.toContain("SECRET");
  });

  it("refuses a non-http URL", async () => {
    serve({ data: [{ url: "file:///etc/passwd" }] });
    expect((await upstreamFailure(provider.run(GROUP, config()))).message).toContain("scheme file:");
  });
});

describe("answers that are not image answers", () => {
  it("a body that is not JSON is upstream_bad_response", async () => {
    fake.handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_cut" });
      res.end('{"model":"m","data":[{"b64_json":"/9j/4AAQ');
    };
    const e = await upstreamFailure(provider.run(GROUP, config()));
    expect([e.code, e.requestId]).toEqual(["upstream_bad_response", "req_cut"]);
  });

  it("empty data, or data that is not a list, is upstream_bad_response", async () => {
    serve({ model: "m", created: 1, data: [] });
    expect((await upstreamFailure(provider.run(GROUP, config()))).message).toBe(
      "Ark answer has no images (empty data)",
    );
    serve({ data: "x" });
    expect((await upstreamFailure(provider.run(GROUP, config()))).message).toMatch(/not an images response \(data\)/);
  });

  it("a 200 with only an error envelope is mapped like an error answer", async () => {
    serve({
      error: {
        code: "InputTextSensitiveContentDetected",
        message: "The request failed because the input text may contain sensitive information. Request id: 0217abc",
      },
    });
    const e = await upstreamFailure(provider.run(GROUP, config()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_moderation_blocked", "0217abc", 200]);
  });
});
