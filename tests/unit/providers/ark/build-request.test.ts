/**
 * Exact outgoing requests of the Ark provider, recorded by a fake Ark: one JSON body per model and
 * operation, from the studio's params (studio names mapped to Ark's nested fields).
 */
import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/models";
import { arkProvider as provider } from "@/lib/providers/ark";
import type { ProviderConfig, ProviderImageInput } from "@/lib/providers/types";
import { defaultParams, sanitizeParamsForModel } from "@/lib/validation";
import { requestsWith, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";

const KEY = "0f9e8d7c-6b5a-4938-a271-ark0test0key";
const PROMPT = "一组四张连贯的咖啡杯广告图";
const fake = fakeGateway((_req, res) =>
  sendJson(res, 200, {
    model: "m",
    created: 1,
    data: [{ b64_json: b64(JPEG), size: "2048x2048" }],
    usage: { generated_images: 1 },
  }),
);

/** ARK_BASE_URL already ends in /api/v3. */
const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over, "/api/v3");

/** An input given as bytes (the job runner gives Blobs: see blob-inputs.test.ts). */
type BytesInput = Extract<ProviderImageInput, { bytes: Uint8Array }>;
const img = (bytes: Uint8Array, filename: string, mimeType: string): BytesInput => ({
  bytes,
  filename,
  mimeType,
});
const A = img(PNG, "a.png", "image/png");
const B = img(JPEG, "b.jpg", "image/jpeg");
const C = img(WEBP, "c.webp", "image/webp");
const dataUrl = (i: BytesInput) => `data:${i.mimeType};base64,${b64(i.bytes)}`;

const providerRequest = requestsWith(PROMPT);

const S40 = "doubao-seedream-4-0-250828";
const S45 = "doubao-seedream-4-5-251128";
const S30 = "doubao-seedream-3-0-t2i-250415";
const EDIT30 = "doubao-seededit-3-0-i2i-250628";
const S50 = "doubao-seedream-5-0-260128";

describe("image generation bodies, model by model", () => {
  const cases: [
    string,
    string,
    "generate" | "edit",
    Record<string, unknown>,
    ProviderImageInput[],
    Record<string, unknown>,
  ][] = [
    [
      // Nothing chosen: only the two params whose Ark default differs from the studio's (b64_json, no watermark).
      "Seedream 4.0 defaults: b64_json and no watermark sent, the rest left to Ark",
      S40,
      "generate",
      {},
      [],
      { model: S40, prompt: PROMPT, response_format: "b64_json", watermark: false },
    ],
    [
      "Seedream 4.0 group of 3: max_images nests under sequential_image_generation_options",
      S40,
      "generate",
      {
        sequential_image_generation: "auto",
        max_images: 3,
        size: "2848x1600",
        prompt_optimization: "fast",
        watermark: true,
      },
      [],
      {
        model: S40,
        prompt: PROMPT,
        size: "2848x1600",
        sequential_image_generation: "auto",
        sequential_image_generation_options: { max_images: 3 },
        optimize_prompt_options: { mode: "fast" },
        response_format: "b64_json",
        watermark: true,
      },
    ],
    [
      "Seedream 4.0 with response_format url",
      S40,
      "generate",
      { response_format: "url", size: "1K" },
      [],
      { model: S40, prompt: PROMPT, size: "1K", response_format: "url", watermark: false },
    ],
    [
      "Seedream 4.0 edit: one reference image as a plain data URL string",
      S40,
      "edit",
      {},
      [A],
      { model: S40, prompt: PROMPT, image: dataUrl(A), response_format: "b64_json", watermark: false },
    ],
    [
      "Seedream 4.5 edit: several references as an array, group defaults to max_images 4",
      S45,
      "edit",
      { sequential_image_generation: "auto", size: "4K" },
      [A, B, C],
      {
        model: S45,
        prompt: PROMPT,
        image: [dataUrl(A), dataUrl(B), dataUrl(C)],
        size: "4K",
        sequential_image_generation: "auto",
        sequential_image_generation_options: { max_images: 4 },
        response_format: "b64_json",
        watermark: false,
      },
    ],
    [
      "Seedream 4.5 defaults: no prompt optimization field",
      S45,
      "generate",
      {},
      [],
      { model: S45, prompt: PROMPT, response_format: "b64_json", watermark: false },
    ],
    [
      "Seedream 3.0 defaults: no size, guidance or seed sent (Ark's own defaults apply)",
      S30,
      "generate",
      {},
      [],
      { model: S30, prompt: PROMPT, response_format: "b64_json", watermark: false },
    ],
    [
      "Seedream 3.0 with a seed, custom size and guidance",
      S30,
      "generate",
      { seed: 42, size: "1536x640", guidance_scale: 7.5, watermark: true, response_format: "url" },
      [],
      {
        model: S30,
        prompt: PROMPT,
        size: "1536x640",
        seed: 42,
        guidance_scale: 7.5,
        response_format: "url",
        watermark: true,
      },
    ],
    [
      "SeedEdit 3.0: exactly one image, no size (adaptive), the chosen seed",
      EDIT30,
      "edit",
      { seed: -1 },
      [B],
      { model: EDIT30, prompt: PROMPT, image: dataUrl(B), seed: -1, response_format: "b64_json", watermark: false },
    ],
    [
      "Seedream 5.0 lite: PNG output and web search as a tool",
      S50,
      "generate",
      { output_format: "png", web_search: true },
      [],
      {
        model: S50,
        prompt: PROMPT,
        output_format: "png",
        tools: [{ type: "web_search" }],
        response_format: "b64_json",
        watermark: false,
      },
    ],
  ];

  it.each(cases)("%s", async (_name, model, op, params, images, wire) => {
    await provider.run(providerRequest(model, op, params, images), config());
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/api/v3/images/generations");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers["content-type"]).toBe("application/json");
    const json = JSON.parse(sent.body.toString("utf8")) as Record<string, unknown>;
    expect(json).toStrictEqual(wire);
    // Stable wire order whatever order the params were stored in.
    expect(Object.keys(json)).toEqual(Object.keys(wire));
    expect(json).not.toHaveProperty("n");
    expect(json).not.toHaveProperty("stream");
  });
});

describe("describe", () => {
  it("shows the same body with data URLs elided and the key redacted", () => {
    const d = provider.describe(
      providerRequest(S40, "edit", { sequential_image_generation: "auto", max_images: 2 }, [A, B]),
      config(),
    );
    expect(d).toEqual({
      method: "POST",
      url: `${fake.origin}/api/v3/images/generations`,
      headers: { authorization: "Bearer [redacted]", "content-type": "application/json", accept: "application/json" },
      body: {
        kind: "json",
        json: {
          model: S40,
          prompt: PROMPT,
          image: [
            `data:image/png;base64,[${PNG.byteLength} bytes]`,
            `data:image/jpeg;base64,[${JPEG.byteLength} bytes]`,
          ],
          sequential_image_generation: "auto",
          sequential_image_generation_options: { max_images: 2 },
          response_format: "b64_json",
          watermark: false,
        },
      },
    });
    expect(JSON.stringify(d)).not.toContain(KEY);
  });

  it("appends /images/generations to ARK_BASE_URL, tolerating a trailing slash", () => {
    const d = provider.describe(
      providerRequest(S30, "generate", {}),
      config({ baseUrl: "https://ark.cn-beijing.volces.com/api/v3/" }),
    );
    expect(d.url).toBe("https://ark.cn-beijing.volces.com/api/v3/images/generations");
  });
});

describe("every Ark card's defaults and carried-over values make a body of known fields", () => {
  const messy = {
    n: 3,
    size: "1024x1024",
    seed: 7,
    guidance_scale: 3,
    sequential_image_generation: "auto",
    max_images: 5,
    watermark: true,
    response_format: "url",
    quality: "high",
  };
  const KNOWN = [
    "model",
    "prompt",
    "image",
    "size",
    "seed",
    "guidance_scale",
    "sequential_image_generation",
    "sequential_image_generation_options",
    "optimize_prompt_options",
    "output_format",
    "tools",
    "response_format",
    "watermark",
  ];
  const cards = MODELS.filter((m) => m.provider === "ark");
  const cases = cards.flatMap((m) =>
    m.operations.flatMap(
      (op) =>
        [
          [m.id, op, "defaults"],
          [m.id, op, "carried over"],
        ] as const,
    ),
  );
  it.each(cases)("%s %s (%s)", (id, op, which) => {
    const card = cards.find((m) => m.id === id)!;
    const params = which === "defaults" ? defaultParams(card, op) : sanitizeParamsForModel(card, op, messy);
    const d = provider.describe(
      { model: id, operation: op, prompt: PROMPT, params, images: op === "edit" ? [A] : [] },
      config(),
    );
    const json = (d.body as { json: Record<string, unknown> }).json;
    for (const k of Object.keys(json)) expect(KNOWN).toContain(k);
    expect(json.response_format).toMatch(/^(b64_json|url)$/);
    if (json.sequential_image_generation_options) expect(json.sequential_image_generation).toBe("auto");
  });
});

describe("guards against bugs upstream of the provider", () => {
  it("refuses params Ark does not take, wrong types, a mask and wrong image counts, before sending anything", async () => {
    const base = { model: S40, prompt: "p" };
    await expect(
      provider.run({ ...base, operation: "generate", params: { n: 2 }, images: [] }, config()),
    ).rejects.toThrow(/'n' is not an Ark param/);
    await expect(
      provider.run({ ...base, operation: "generate", params: { seed: "1" }, images: [] }, config()),
    ).rejects.toThrow(/'seed' must be a number/);
    await expect(
      provider.run({ ...base, operation: "generate", params: { max_images: 3 }, images: [] }, config()),
    ).rejects.toThrow(/max_images needs/);
    await expect(
      provider.run({ ...base, operation: "edit", params: {}, images: [A], mask: A }, config()),
    ).rejects.toThrow(/no mask/);
    await expect(provider.run({ ...base, operation: "edit", params: {}, images: [] }, config())).rejects.toThrow(
      /1\.\.14 reference images/,
    );
    await expect(provider.run({ ...base, operation: "generate", params: {}, images: [A] }, config())).rejects.toThrow(
      /no images/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a reference image over 10 MB as upstream_invalid_request, sending nothing", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const err = await provider
      .run({ model: S40, operation: "edit", prompt: "p", params: {}, images: [A, { ...A, bytes: big }] }, config())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "UpstreamError",
      code: "upstream_invalid_request",
      message: "reference image 2 is 10.0 MB; Ark takes at most 10 MB per image",
    });
    expect(fake.requests).toHaveLength(0);
  });
});
