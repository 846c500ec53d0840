import { describe, expect, it } from "vitest";
import { dmxapiOpenAiImgProvider as provider } from "@/lib/providers/dmxapi-openai-img";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, GIF, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";

const KEY = "sk-test-answers-0123456789abcdef";
const fake = fakeGateway();

const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over);
const GEN: ProviderRequest = {
  model: "gpt-image-1",
  operation: "generate",
  prompt: "mug",
  params: { n: 2, output_format: "jpeg" },
  images: [],
};
const DALLE: ProviderRequest = {
  model: "dall-e-3",
  operation: "generate",
  prompt: "mug",
  params: { response_format: "url" },
  images: [],
};

/** Answers the API call with `answer`, and serves `files` under /files/… for URL answers. */
function serve(
  answer: unknown,
  files: Record<string, { status?: number; bytes: Uint8Array }> = {},
  headers: Record<string, string> = {},
) {
  fake.handler = (req, res) => {
    if (req.path.startsWith("/v1/")) return sendJson(res, 200, answer, headers);
    const f = files[req.path];
    res.writeHead(f?.status ?? (f ? 200 : 404), { "content-type": "application/octet-stream" });
    res.end(f ? Buffer.from(f.bytes) : undefined);
  };
}

describe("b64_json answers", () => {
  it("returns the images, usage, resolved values, request id and status", async () => {
    const usage = {
      input_tokens: 52,
      output_tokens: 4160,
      total_tokens: 4212,
      input_tokens_details: { text_tokens: 52, image_tokens: 0 },
    };
    serve(
      {
        created: 1,
        background: "opaque",
        output_format: "png",
        quality: "high",
        size: "1024x1024",
        data: [{ b64_json: b64(PNG) }, { b64_json: b64(PNG) }],
        usage,
      },
      {},
      { "x-request-id": "req_abc123" },
    );
    const phases: string[] = [];
    const r = await provider.run({ ...GEN, onPhase: (p) => phases.push(p) }, config());
    expect(r.images).toEqual([
      { bytes: PNG, mimeType: "image/png", revisedPrompt: null },
      { bytes: PNG, mimeType: "image/png", revisedPrompt: null },
    ]);
    expect(r.failures).toEqual([]);
    expect(r.usage).toEqual(usage);
    expect(r.resolved).toEqual({ background: "opaque", output_format: "png", quality: "high", size: "1024x1024" });
    expect(r.requestId).toBe("req_abc123");
    expect(r.httpStatus).toBe(200);
    expect(phases).toEqual(["submitting", "generating", "downloading"]);
  });

  it("takes the mime type from the bytes, not from the requested format", async () => {
    serve({
      created: 1,
      output_format: "jpeg",
      data: [{ b64_json: b64(WEBP) }, { b64_json: b64(JPEG) }, { b64_json: `data:image/png;base64,${b64(PNG)}` }],
    });
    const r = await provider.run(GEN, config());
    expect(r.images.map((i) => i.mimeType)).toEqual(["image/webp", "image/jpeg", "image/png"]);
    expect(r.usage).toBeNull();
    expect(r.requestId).toBeNull();
  });

  it("falls back to x-oneapi-request-id", async () => {
    serve({ created: 1, data: [{ b64_json: b64(PNG) }] }, {}, { "x-oneapi-request-id": "20260821-oneapi" });
    expect((await provider.run(GEN, config())).requestId).toBe("20260821-oneapi");
  });

  it.each([
    ["a GIF", b64(GIF)],
    ["text", Buffer.from("not an image at all").toString("base64")],
    ["not base64", "%%%%"],
  ])("fails with upstream_bad_response when b64_json is %s", async (_what, data) => {
    serve({ created: 1, data: [{ b64_json: data }] }, {}, { "x-request-id": "req_bad" });
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe("upstream_bad_response");
    expect(e.requestId).toBe("req_bad");
    expect(e.httpStatus).toBe(200);
  });

  it("keeps the good images of a mixed answer and lists the bad ones", async () => {
    serve({ created: 1, data: [{ b64_json: b64(GIF) }, { b64_json: b64(PNG) }, {}] });
    const r = await provider.run(GEN, config());
    expect(r.images).toHaveLength(1);
    expect(r.failures).toEqual([
      { index: 0, code: "upstream_bad_response", message: "image data is not PNG, JPEG or WebP" },
      { index: 2, code: "upstream_bad_response", message: "item has neither b64_json nor url" },
    ]);
  });

  it.each([
    ["not JSON", "<html>oops</html>"],
    ["no data", { created: 1 }],
    ["empty data", { created: 1, data: [] }],
    ["data not an array", { created: 1, data: { b64_json: "x" } }],
  ])("fails with upstream_bad_response on a 200 that is %s", async (_what, body) => {
    fake.handler = (_req, res) => sendJson(res, 200, body);
    const e = await upstreamFailure(provider.run(GEN, config()));
    expect(e.code).toBe("upstream_bad_response");
    expect(e.httpStatus).toBe(200);
  });
});

describe("url answers", () => {
  it("downloads each URL at once, without the key, and keeps revised_prompt", async () => {
    serve(
      {
        created: 1,
        data: [{ url: `${fake.origin}/files/a.png?sig=zzz`, revised_prompt: "A white ceramic mug on white" }],
      },
      { "/files/a.png?sig=zzz": { bytes: JPEG } },
    );
    const r = await provider.run(DALLE, config());
    expect(r.images).toEqual([{ bytes: JPEG, mimeType: "image/jpeg", revisedPrompt: "A white ceramic mug on white" }]);
    expect(fake.requests.map((q) => [q.method, q.path])).toEqual([
      ["POST", "/v1/images/generations"],
      ["GET", "/files/a.png?sig=zzz"],
    ]);
    expect(fake.requests[1].headers.authorization).toBeUndefined();
  });

  it("keeps what downloaded when another URL fails", async () => {
    serve(
      {
        created: 1,
        data: [
          { url: `${fake.origin}/files/ok.webp` },
          { url: `${fake.origin}/files/gone.png` },
          { url: `${fake.origin}/files/broken.png` },
        ],
      },
      { "/files/ok.webp": { bytes: WEBP }, "/files/broken.png": { status: 502, bytes: new Uint8Array() } },
    );
    const r = await provider.run({ ...DALLE, model: "gpt-image-1" }, config());
    expect(r.images.map((i) => i.mimeType)).toEqual(["image/webp"]);
    expect(r.failures.map((f) => [f.index, f.code])).toEqual([
      [1, "upstream_bad_response"],
      [2, "upstream_unavailable"],
    ]);
    expect(r.failures[0].message).toContain("answered 404");
  });

  it.each([
    ["ftp://example.com/a.png", /http\/https only/],
    ["file:///etc/passwd", /http\/https only/],
    ["not a url", /not a URL/],
  ])("refuses %s", async (url, message) => {
    serve({ created: 1, data: [{ url }] });
    const e = await upstreamFailure(provider.run(DALLE, config()));
    expect(e.code).toBe("upstream_bad_response");
    expect(e.message).toMatch(message);
    expect(fake.requests).toHaveLength(1);
  });

  it("caps the download size (declared or streamed)", async () => {
    const big = new Uint8Array(4096);
    big.set(PNG);
    serve({ created: 1, data: [{ url: `${fake.origin}/files/big.png` }] }, { "/files/big.png": { bytes: big } });
    const e = await upstreamFailure(provider.run(DALLE, config({ maxDownloadBytes: 1024 })));
    expect(e.code).toBe("upstream_bad_response");
    expect(e.message).toMatch(/over 1024 bytes/);

    fake.handler = (req, res) => {
      if (req.path.startsWith("/v1/"))
        return sendJson(res, 200, { created: 1, data: [{ url: `${fake.origin}/files/chunked.png` }] });
      res.writeHead(200); // no content-length: chunked, so only the streamed count can stop it
      res.write(Buffer.from(big));
      res.end(Buffer.from(big));
    };
    const chunked = await upstreamFailure(provider.run(DALLE, config({ maxDownloadBytes: 6000 })));
    expect(chunked.message).toMatch(/over 6000 bytes/);
  });

  it("a download that is not an image is upstream_bad_response", async () => {
    serve({ created: 1, data: [{ url: `${fake.origin}/files/x.png` }] }, { "/files/x.png": { bytes: GIF } });
    expect((await upstreamFailure(provider.run(DALLE, config()))).code).toBe("upstream_bad_response");
  });
});
