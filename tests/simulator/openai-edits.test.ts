import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import {
  ALL_MODELS,
  expectOpenAIError,
  formRequest,
  jpeg,
  jsonRequest,
  meta,
  png,
  readJson,
  type Part,
} from "@/tests/helpers/simulator-requests";

const EDITS = "/v1/images/edits";
let square: Buffer;
let wide: Buffer;

beforeAll(async () => {
  square = await png(512, 512);
  wide = await png(600, 400);
});

// Legacy models keep their rules: every id the simulator knows is listed here.
const edit = (fields: Record<string, string>, parts: Part[]) =>
  createSimulator(ALL_MODELS).handle(formRequest(EDITS, { prompt: "make it red", ...fields }, parts));

describe("POST /v1/images/edits – strictness", () => {
  it("refuses input_fidelity on gpt-image-1-mini but takes it on gpt-image-1", async () => {
    const err = await expectOpenAIError(
      await edit({ model: "gpt-image-1-mini", input_fidelity: "high" }, [{ name: "image", bytes: square }]),
      400,
      "unsupported_parameter",
    );
    expect(err.param).toBe("input_fidelity");
    expect(
      (await edit({ model: "gpt-image-1", input_fidelity: "high" }, [{ name: "image", bytes: square }])).status,
    ).toBe(200);
  });

  it("refuses input_fidelity on gpt-image-2", async () => {
    await expectOpenAIError(
      await edit({ model: "gpt-image-2", input_fidelity: "low" }, [{ name: "image", bytes: square }]),
      400,
      "unsupported_parameter",
    );
  });

  it("refuses 17 images", async () => {
    const parts = Array.from({ length: 17 }, () => ({ name: "image[]", bytes: square }));
    const err = await expectOpenAIError(await edit({ model: "gpt-image-1.5" }, parts), 400, "array_above_max_length");
    expect(err.param).toBe("image");
  });

  it("refuses a mask of a different size than the first image", async () => {
    const mask = await png(256, 256, { transparentRect: true });
    const err = await expectOpenAIError(
      await edit({ model: "gpt-image-1" }, [
        { name: "image", bytes: square },
        { name: "mask", bytes: mask },
      ]),
      400,
      "invalid_mask",
    );
    expect(err.message).toMatch(/same size/);
  });

  it("refuses a mask without alpha", async () => {
    await expectOpenAIError(
      await edit({ model: "gpt-image-1" }, [
        { name: "image", bytes: square },
        { name: "mask", bytes: await png(512, 512) },
      ]),
      400,
      "invalid_mask",
    );
  });

  it("refuses moderation in multipart as an unknown parameter", async () => {
    await expectOpenAIError(
      await edit({ model: "gpt-image-1", moderation: "low" }, [{ name: "image", bytes: square }]),
      400,
      "unknown_parameter",
    );
  });

  it("refuses edits on dall-e-3", async () => {
    const err = await expectOpenAIError(await edit({ model: "dall-e-3" }, [{ name: "image", bytes: square }]), 400);
    expect(err.message).toMatch(/dall-e-3 does not support image edits/);
  });

  it("refuses a JSON body (multipart only) and a missing image", async () => {
    const res = await createSimulator(ALL_MODELS).handle(
      jsonRequest(EDITS, { model: "gpt-image-1", prompt: "x", images: [] }),
    );
    await expectOpenAIError(res, 400, "missing_required_parameter");
    await expectOpenAIError(await edit({ model: "gpt-image-1" }, []), 400, "missing_required_parameter");
  });

  it("checks images by content and by declared type", async () => {
    await expectOpenAIError(
      await edit({ model: "gpt-image-1" }, [{ name: "image", bytes: Buffer.from("not an image at all") }]),
      400,
      "invalid_image_format",
    );
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .gif()
      .toBuffer();
    await expectOpenAIError(
      await edit({ model: "gpt-image-1" }, [{ name: "image", bytes: gif, type: "image/png" }]),
      400,
      "invalid_image_format",
    );
    await expectOpenAIError(
      await edit({ model: "gpt-image-1" }, [{ name: "image", bytes: square, type: "application/octet-stream" }]),
      400,
      "unsupported_file_mimetype",
    );
  });

  it("holds dall-e-2 to one square PNG with alpha when there is no mask", async () => {
    await expectOpenAIError(
      await edit({ model: "dall-e-2" }, [{ name: "image", bytes: wide }]),
      400,
      "invalid_image_format",
    );
    await expectOpenAIError(
      await edit({ model: "dall-e-2" }, [{ name: "image", bytes: square }]),
      400,
      "invalid_image_format",
    );
    const res = await edit({ model: "dall-e-2", size: "512x512" }, [
      { name: "image", bytes: await png(512, 512, { alpha: true }) },
    ]);
    expect(res.status).toBe(200);
    expect((await readJson(res)).data).toEqual([{ url: expect.stringMatching(/\/files\/file_[0-9a-f]+\.png$/) }]);
  });
});

describe("POST /v1/images/edits – answers", () => {
  it("accepts both `image` and `image[]` and records which was sent", async () => {
    const sim = createSimulator(ALL_MODELS);
    const a = await sim.handle(
      formRequest(EDITS, { model: "gpt-image-1.5", prompt: "x" }, [
        { name: "image", bytes: square },
        { name: "image", bytes: wide, type: "image/png" },
      ]),
    );
    const b = await sim.handle(
      formRequest(EDITS, { model: "gpt-image-1.5", prompt: "x" }, [
        { name: "image[]", bytes: square },
        { name: "image[]", bytes: await jpeg(300, 300), type: "image/jpeg" },
      ]),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    const [ra, rb] = sim.requests;
    expect(ra.contentType).toBe("multipart");
    expect(ra.fields).toEqual({ model: "gpt-image-1.5", prompt: "x" });
    expect(ra.files?.map((f) => [f.name, f.width, f.height])).toEqual([
      ["image", 512, 512],
      ["image", 600, 400],
    ]);
    expect(rb.files?.map((f) => [f.name, f.type])).toEqual([
      ["image[]", "image/png"],
      ["image[]", "image/jpeg"],
    ]);
  });

  it("bases the output on the first image, tints the masked area, and counts input image tokens", async () => {
    const mask = await png(512, 512, { transparentRect: true });
    const res = await edit({ model: "gpt-image-1", size: "1024x1024", quality: "low" }, [
      { name: "image", bytes: square },
      { name: "mask", bytes: mask },
    ]);
    const body = await readJson(res);
    expect(res.status).toBe(200);
    const usage = body.usage as { input_tokens_details: { image_tokens: number }; output_tokens: number };
    expect(usage.input_tokens_details.image_tokens).toBe(65);
    expect(usage.output_tokens).toBe(272);
    const out = Buffer.from((body.data as { b64_json: string }[])[0].b64_json, "base64");
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) =>
      Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(px(100, 100)).toEqual([40, 120, 200]); // outside the mask: untouched source colour
    expect(px(512, 512)).not.toEqual([40, 120, 200]); // inside the transparent hole: edited
  });

  it("follows the first image's shape for size=auto and makes transparent output with alpha", async () => {
    const body = await readJson(
      await edit({ model: "gpt-image-1", size: "auto", background: "transparent", output_format: "webp" }, [
        { name: "image", bytes: wide },
      ]),
    );
    expect(body).toMatchObject({ size: "1536x1024", background: "transparent", output_format: "webp" });
    const m = await meta((body.data as { b64_json: string }[])[0].b64_json);
    expect(m).toMatchObject({ format: "webp", width: 1536, height: 1024, hasAlpha: true });
  });
});
