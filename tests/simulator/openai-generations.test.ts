import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import { ALL_MODELS, expectOpenAIError, jsonRequest, meta, readJson } from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
// These hold the legacy models to their rules too, so every id the simulator knows is listed.
const gen = (body: Record<string, unknown>) => createSimulator(ALL_MODELS).handle(jsonRequest(GEN, body));

describe("POST /v1/images/generations – strictness", () => {
  it("refuses background on dall-e-3 in the full OpenAI envelope with a request id", async () => {
    const err = await expectOpenAIError(
      await gen({ model: "dall-e-3", prompt: "a mug", background: "transparent" }),
      400,
      "unsupported_parameter",
    );
    expect(err.param).toBe("background");
  });

  it("refuses n=2 on dall-e-3", async () => {
    const err = await expectOpenAIError(
      await gen({ model: "dall-e-3", prompt: "a mug", n: 2 }),
      400,
      "integer_above_max_value",
    );
    expect(err.param).toBe("n");
  });

  it("refuses style on gpt-image-1", async () => {
    await expectOpenAIError(
      await gen({ model: "gpt-image-1", prompt: "a mug", style: "vivid" }),
      400,
      "unsupported_parameter",
    );
  });

  it("refuses a parameter no schema knows as unknown_parameter", async () => {
    const err = await expectOpenAIError(
      await gen({ model: "gpt-image-1", prompt: "a mug", input_fidelity: "high" }),
      400,
      "unknown_parameter",
    );
    expect(err.param).toBe("input_fidelity");
  });

  it("refuses a transparent background with jpeg output", async () => {
    await expectOpenAIError(
      await gen({ model: "gpt-image-1", prompt: "a mug", background: "transparent", output_format: "jpeg" }),
      400,
    );
  });

  it("refuses output_compression below 100 with png", async () => {
    await expectOpenAIError(await gen({ model: "gpt-image-1.5", prompt: "a mug", output_compression: 50 }), 400);
  });

  it("refuses prompts over the model's cap", async () => {
    await expectOpenAIError(await gen({ model: "dall-e-2", prompt: "x".repeat(1001) }), 400, "string_above_max_length");
    await expectOpenAIError(await gen({ model: "dall-e-3", prompt: "x".repeat(4001) }), 400, "string_above_max_length");
  });

  it("refuses a size the model does not offer and a quality of another family", async () => {
    await expectOpenAIError(
      await gen({ model: "gpt-image-1", prompt: "a mug", size: "1792x1024" }),
      400,
      "invalid_value",
    );
    await expectOpenAIError(await gen({ model: "gpt-image-1", prompt: "a mug", quality: "hd" }), 400, "invalid_value");
  });

  it("needs a model and answers an unknown one with new-api's 503", async () => {
    await expectOpenAIError(await gen({ prompt: "a mug" }), 400, "missing_required_parameter");
    const err = await expectOpenAIError(await gen({ model: "gpt-image-9", prompt: "a mug" }), 503);
    expect(err.message).toContain("无可用渠道");
  });

  it("accepts gpt-image-2 custom 2048x1152 and rejects 1000x1000", async () => {
    const ok = await gen({ model: "gpt-image-2", prompt: "a mug", size: "2048x1152", quality: "low" });
    expect(ok.status).toBe(200);
    const body = await readJson(ok);
    expect(body.size).toBe("2048x1152");
    const m = await meta((body.data as { b64_json: string }[])[0].b64_json);
    expect([m.width, m.height]).toEqual([2048, 1152]);
    const err = await expectOpenAIError(
      await gen({ model: "gpt-image-2", prompt: "a mug", size: "1000x1000" }),
      400,
      "invalid_value",
    );
    expect(err.message).toMatch(/multiples of 16/);
  });

  it("refuses a transparent background on gpt-image-2", async () => {
    await expectOpenAIError(await gen({ model: "gpt-image-2", prompt: "a mug", background: "transparent" }), 400);
  });
});

describe("POST /v1/images/generations – answers", () => {
  it("returns a real image at the requested size and format, with resolved settings and usage", async () => {
    const res = await gen({
      model: "gpt-image-1",
      prompt: "a ceramic mug",
      size: "1536x1024",
      quality: "high",
      output_format: "webp",
      output_compression: 80,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const body = await readJson(res);
    expect(body).toMatchObject({ background: "opaque", output_format: "webp", quality: "high", size: "1536x1024" });
    const m = await meta((body.data as { b64_json: string }[])[0].b64_json);
    expect(m).toMatchObject({ format: "webp", width: 1536, height: 1024, hasAlpha: false });
    expect(body.usage).toEqual({
      input_tokens: 4,
      input_tokens_details: { text_tokens: 4, image_tokens: 0 },
      output_tokens: 6208,
      total_tokens: 6212,
      output_tokens_details: { image_tokens: 6208, text_tokens: 0 },
    });
  });

  it("resolves auto to 1024x1024 / medium / opaque", async () => {
    const body = await readJson(await gen({ model: "gpt-image-1-mini", prompt: "a mug" }));
    expect(body).toMatchObject({ size: "1024x1024", quality: "medium", background: "opaque", output_format: "png" });
    expect((body.usage as { output_tokens: number }).output_tokens).toBe(1056);
  });

  it("makes a transparent PNG with alpha when asked", async () => {
    const body = await readJson(
      await gen({ model: "gpt-image-1.5", prompt: "a bottle", background: "transparent", quality: "medium" }),
    );
    expect(body.background).toBe("transparent");
    const b64 = (body.data as { b64_json: string }[])[0].b64_json;
    const m = await meta(b64);
    expect(m).toMatchObject({ format: "png", width: 1024, height: 1024, hasAlpha: true });
  });

  it("returns n images and multiplies the output tokens", async () => {
    const body = await readJson(
      await gen({
        model: "gpt-image-1",
        prompt: "a mug",
        n: 3,
        quality: "high",
        size: "1024x1024",
        output_format: "jpeg",
      }),
    );
    const data = body.data as { b64_json: string }[];
    expect(data).toHaveLength(3);
    expect(new Set(data.map((d) => d.b64_json)).size).toBe(3);
    expect((await meta(data[2].b64_json)).format).toBe("jpeg");
    expect((body.usage as { output_tokens: number }).output_tokens).toBe(3 * 4160);
  });

  it("answers dall-e-3 with a URL it serves itself, plus revised_prompt", async () => {
    const sim = createSimulator(ALL_MODELS);
    const res = await sim.handle(
      jsonRequest(`/sim${GEN}`, { model: "dall-e-3", prompt: "a red mug", size: "1792x1024" }),
      "/sim",
    );
    const body = await readJson(res);
    const [item] = body.data as { url: string; revised_prompt: string; b64_json?: string }[];
    expect(item.b64_json).toBeUndefined();
    expect(item.revised_prompt).toMatch(/^a red mug, /);
    expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1\/sim\/files\/file_[0-9a-f]+\.png$/);
    expect(body.usage).toBeUndefined();
    const file = await sim.handle(new Request(item.url), "/sim");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    const m = await meta(new Uint8Array(await file.arrayBuffer()));
    expect([m.width, m.height]).toEqual([1792, 1024]);
  });

  it("answers dall-e-2 with base64 when asked", async () => {
    const body = await readJson(
      await gen({ model: "dall-e-2", prompt: "a mug", size: "256x256", response_format: "b64_json" }),
    );
    const [item] = body.data as { b64_json: string; revised_prompt?: string }[];
    expect(item.revised_prompt).toBeUndefined();
    expect((await meta(item.b64_json)).width).toBe(256);
  });

  it("renders a 1024x1024 PNG quickly", async () => {
    const sim = createSimulator();
    const t = performance.now();
    const res = await sim.handle(jsonRequest(GEN, { model: "gpt-image-2", prompt: `speed ${Math.random()}` }));
    expect(res.status).toBe(200);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
