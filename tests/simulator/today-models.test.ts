import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import {
  expectOpenAIError,
  formRequest,
  jsonRequest,
  KEY,
  meta,
  png,
  readJson,
} from "@/tests/helpers/simulator-requests";

const GEN = "/v1/images/generations";
const GPT2_LINE = ["gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2-ssvip", "gpt-image-2-03"];
const gen = (body: Record<string, unknown>) => createSimulator().handle(jsonRequest(GEN, body));

describe("the gpt-image-2 line (today's OpenAI-format ids)", () => {
  it.each(GPT2_LINE)(
    "%s takes a custom size, refuses transparency, and refuses input_fidelity on edits",
    async (model) => {
      const ok = await gen({ model, prompt: "a mug", size: "1536x864", quality: "low" });
      expect(ok.status).toBe(200);
      expect((await readJson(ok)).size).toBe("1536x864");
      await expectOpenAIError(await gen({ model, prompt: "a mug", background: "transparent" }), 400, "invalid_value");
      const edit = await createSimulator().handle(
        formRequest("/v1/images/edits", { model, prompt: "x", input_fidelity: "high" }, [
          { name: "image", bytes: await png(64, 64) },
        ]),
      );
      expect((await expectOpenAIError(edit, 400, "unsupported_parameter")).param).toBe("input_fidelity");
    },
  );

  it.each([
    ["1000x1000", /multiples of 16/],
    ["3072x1008", /aspect ratio/],
    ["3856x1920", /long edge/],
    ["768x768", /total pixel count/],
    ["3840x2400", /total pixel count/],
    ["big", /Supported values/],
  ])("refuses custom size %s", async (size, why) => {
    const err = await expectOpenAIError(
      await gen({ model: "gpt-image-2-ssvip", prompt: "a mug", size }),
      400,
      "invalid_value",
    );
    expect(err.param).toBe("size");
    expect(err.message).toMatch(why);
  });

  it("accepts the edges of the custom range: 3840x1280 (3:1, long edge) and 1024x640 (least pixels)", async () => {
    for (const size of ["3840x1280", "1024x640", "3840x2160"]) {
      const res = await gen({
        model: "gpt-image-2",
        prompt: `edge ${size}`,
        size,
        quality: "low",
        output_format: "jpeg",
      });
      expect(res.status).toBe(200);
      const m = await meta(((await readJson(res)).data as { b64_json: string }[])[0].b64_json);
      expect(`${m.width}x${m.height}`).toBe(size);
    }
  });

  it("holds gpt-image-2-03 to n=1 on generations and edits, like the gateway", async () => {
    const err = await expectOpenAIError(
      await gen({ model: "gpt-image-2-03", prompt: "a mug", n: 2 }),
      400,
      "integer_above_max_value",
    );
    expect(err.param).toBe("n");
    const edit = await createSimulator().handle(
      formRequest("/v1/images/edits", { model: "gpt-image-2-03", prompt: "x", n: "2" }, [
        { name: "image", bytes: await png(64, 64) },
      ]),
    );
    await expectOpenAIError(edit, 400, "integer_above_max_value");
    expect((await gen({ model: "gpt-image-2", prompt: "a mug", n: 2, quality: "low" })).status).toBe(200);
  });
});

const gemini = (model: string) => `/v1beta/models/${model}:generateContent`;
const goog = { auth: null, headers: { "x-goog-api-key": KEY } };
const body = (config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  contents: [{ parts: [{ text: "a mug" }] }],
  generationConfig: config,
  ...extra,
});

async function geminiImage(res: Response): Promise<[number, number]> {
  expect(res.status).toBe(200);
  const parts = ((await readJson(res)).candidates as { content: { parts: { inlineData?: { data: string } }[] } }[])[0]
    .content.parts;
  const m = await meta(parts.find((p) => p.inlineData)!.inlineData!.data);
  return [m.width!, m.height!];
}

async function expectInvalid(res: Response, pattern: RegExp): Promise<void> {
  expect(res.status).toBe(400);
  const { error } = await readJson(res);
  expect(error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  expect(String(error!.message)).toMatch(pattern);
}

describe("today's Gemini ids", () => {
  const ask = (model: string, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    createSimulator().handle(jsonRequest(gemini(model), body(config, extra), goog));

  it("gemini-3-pro-image: 4K, ten ratios, and the google_search tool", async () => {
    const search = { tools: [{ google_search: {} }] };
    expect(
      await geminiImage(
        await ask("gemini-3-pro-image", { imageConfig: { aspectRatio: "21:9", imageSize: "4K" } }, search),
      ),
    ).toEqual([6144, 2688]);
    await expectInvalid(
      await ask("gemini-3-pro-image", { imageConfig: { aspectRatio: "1:4" } }),
      /Unsupported aspect ratio/,
    );
    await expectInvalid(await ask("gemini-3-pro-image", {}, { tools: [{ code_execution: {} }] }), /code_execution/);
  });

  it("gemini-3.1-flash-image: fourteen ratios up to 8:1, 2K, no search tool", async () => {
    expect(
      await geminiImage(await ask("gemini-3.1-flash-image", { imageConfig: { aspectRatio: "8:1", imageSize: "2K" } })),
    ).toEqual([5888, 736]);
    await expectInvalid(await ask("gemini-3.1-flash-image", {}, { tools: [{ googleSearch: {} }] }), /googleSearch/);
  });

  it("gemini-3.1-flash-lite-image: 1K only, ten ratios", async () => {
    expect(
      await geminiImage(
        await ask("gemini-3.1-flash-lite-image", { imageConfig: { aspectRatio: "16:9", imageSize: "1K" } }),
      ),
    ).toEqual([1344, 768]);
    await expectInvalid(
      await ask("gemini-3.1-flash-lite-image", { imageConfig: { imageSize: "2K" } }),
      /Unsupported image size/,
    );
    await expectInvalid(
      await ask("gemini-3.1-flash-lite-image", { imageConfig: { aspectRatio: "1:8" } }),
      /Unsupported aspect ratio/,
    );
  });

  it("gemini-2.5-flash-image: refuses responseModalities and any imageSize, answers 1K with a text part", async () => {
    await expectInvalid(
      await ask("gemini-2.5-flash-image", { responseModalities: ["TEXT", "IMAGE"] }),
      /response_modalities/,
    );
    await expectInvalid(
      await createSimulator().handle(
        jsonRequest(
          gemini("gemini-2.5-flash-image"),
          { ...body(), generation_config: { response_modalities: ["IMAGE"] }, generationConfig: undefined },
          goog,
        ),
      ),
      /response_modalities/,
    );
    await expectInvalid(await ask("gemini-2.5-flash-image", { imageConfig: { imageSize: "1K" } }), /image_size/);
    const res = await ask("gemini-2.5-flash-image", { imageConfig: { aspectRatio: "4:5" } });
    const parts = ((await readJson(res.clone())).candidates as { content: { parts: { text?: string }[] } }[])[0].content
      .parts;
    expect(parts[0].text).toContain("a mug");
    expect(await geminiImage(res)).toEqual([896, 1152]);
  });
});
