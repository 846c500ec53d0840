/**
 * Image SSE (docs/upstreams.md §C.2): partial images become previews as they arrive, the completed event
 * is the image, errors mid-stream end the run, and nothing streams where the gateway cannot.
 */
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/errors";
import { dmxapiOpenAiImgProvider as provider } from "@/lib/providers/dmxapi-openai-img";
import { GATEWAYS } from "@/lib/providers/gateways";
import type { ProviderConfig, ProviderPreview, ProviderRequest } from "@/lib/providers/types";
import { fakeGateway } from "@/tests/helpers/provider-setup";
import { parseMultipart, sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG } from "@/tests/helpers/image-fixtures";

const KEY = "sk-stream-0123456789abcdef01";
const fake = fakeGateway();

const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, { gateway: GATEWAYS.openai, ...over });

function sse(res: ServerResponse, events: { event?: string; data: unknown }[], gapMs = 5): void {
  res.writeHead(200, { "content-type": "text/event-stream", "x-request-id": "req_sse" });
  let i = 0;
  const next = () => {
    if (i >= events.length) return void res.end();
    const e = events[i++];
    res.write(
      `${e.event ? `event: ${e.event}\n` : ""}data: ${typeof e.data === "string" ? e.data : JSON.stringify(e.data)}\n\n`,
    );
    setTimeout(next, gapMs);
  };
  next();
}

const partial = (index: number) => ({
  event: "image_generation.partial_image",
  data: { type: "image_generation.partial_image", b64_json: b64(JPEG), partial_image_index: index, size: "auto" },
});
const completed = {
  event: "image_generation.completed",
  data: {
    type: "image_generation.completed",
    b64_json: b64(PNG),
    size: "1024x1024",
    quality: "high",
    background: "opaque",
    output_format: "png",
    usage: { input_tokens: 10, output_tokens: 4360, total_tokens: 4370 },
  },
};

function request(
  previews: ProviderPreview[],
  params: Record<string, unknown> = { partial_images: 2 },
): ProviderRequest {
  return {
    model: "gpt-image-2",
    operation: "generate",
    prompt: "mug",
    params,
    images: [],
    onPreview: (p) => previews.push(p),
  };
}

describe("streamed generations", () => {
  it("asks for a stream only when previews are wanted, and hands each partial image over before the final one", async () => {
    fake.handler = (_req, res) => sse(res, [partial(0), partial(1), completed, { data: "[DONE]" }]);
    const previews: ProviderPreview[] = [];
    const result = await provider.run(request(previews), config());
    const body = JSON.parse(fake.requests[0].body.toString("utf8"));
    expect(body).toEqual({ model: "gpt-image-2", prompt: "mug", partial_images: 2, stream: true });
    expect(fake.requests[0].headers.accept).toBe("text/event-stream");
    expect(previews.map((p) => [p.index, p.mimeType])).toEqual([
      [0, "image/jpeg"],
      [1, "image/jpeg"],
    ]);
    expect(result.images).toHaveLength(1);
    expect(result.images[0].mimeType).toBe("image/png");
    expect(result.usage).toEqual({ input_tokens: 10, output_tokens: 4360, total_tokens: 4370 });
    expect(result.resolved).toEqual({ size: "1024x1024", quality: "high", background: "opaque", output_format: "png" });
    expect(result.requestId).toBe("req_sse");
  });

  it("streams edits too (multipart `stream=true`)", async () => {
    const done = {
      ...completed,
      event: "image_edit.completed",
      data: { ...completed.data, type: "image_edit.completed" },
    };
    fake.handler = (_req, res) => sse(res, [done]);
    const req: ProviderRequest = {
      ...request([], { partial_images: 1 }),
      operation: "edit",
      images: [{ bytes: PNG, mimeType: "image/png", filename: "a.png" }],
    };
    const result = await provider.run(req, config());
    const parts = await parseMultipart(fake.requests[0]);
    expect(parts.filter((p) => p.value).map((p) => [p.name, p.value])).toContainEqual(["stream", "true"]);
    expect(result.images).toHaveLength(1);
  });

  it("ends the run with the mapped error when an event carries an error", async () => {
    const error = {
      error: { message: "blocked mid-way", type: "image_generation_user_error", code: "moderation_blocked" },
    };
    fake.handler = (_req, res) => sse(res, [partial(0), { event: "error", data: error }]);
    const previews: ProviderPreview[] = [];
    const e = await provider.run(request(previews), config()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).code).toBe("upstream_moderation_blocked");
    expect((e as UpstreamError).requestId).toBe("req_sse");
    expect(previews).toHaveLength(1);
  });

  it("is a bad response when the stream closes without a completed image", async () => {
    fake.handler = (_req, res) => sse(res, [partial(0)]);
    const e = await provider.run(request([]), config()).catch((x: unknown) => x);
    expect((e as UpstreamError).code).toBe("upstream_bad_response");
  });

  it("reads a gateway that ignored `stream` and answered one JSON body", async () => {
    fake.handler = (_req, res) => sendJson(res, 200, { created: 1, data: [{ b64_json: b64(PNG) }] });
    const previews: ProviderPreview[] = [];
    const result = await provider.run(request(previews), config());
    expect(result.images).toHaveLength(1);
    expect(previews).toHaveLength(0);
  });

  it("maps an error answer to a streamed request like any other", async () => {
    fake.handler = (_req, res) =>
      sendJson(res, 429, { error: { message: "slow down", type: "x", param: null, code: "rate_limit_exceeded" } });
    const e = await provider.run(request([]), config()).catch((x: unknown) => x);
    expect((e as UpstreamError).code).toBe("upstream_rate_limited");
  });

  it("never streams through a gateway that does not pass SSE through", async () => {
    await expect(provider.run(request([]), config({ gateway: GATEWAYS.dmxapi }))).rejects.toThrow(/does not stream/);
    expect(fake.requests).toHaveLength(0);
  });

  it("does not stream without previews", async () => {
    fake.handler = (_req, res) => sendJson(res, 200, { created: 1, data: [{ b64_json: b64(PNG) }] });
    await provider.run(request([], { partial_images: 0 }), config());
    // Previews set back to 0: neither `partial_images` (the upstream refuses it without a stream) nor `stream`.
    expect(JSON.parse(fake.requests[0].body.toString("utf8"))).toEqual({ model: "gpt-image-2", prompt: "mug" });
  });
});
