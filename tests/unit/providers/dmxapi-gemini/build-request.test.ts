/**
 * Exact outgoing requests of the Gemini provider, recorded by a fake gateway: one
 * `generateContent` JSON per model and operation, from the studio's params.
 */
import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/models";
import { dmxapiGeminiProvider as provider } from "@/lib/providers/dmxapi-gemini";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { defaultParams, sanitizeParamsForModel } from "@/lib/validation";
import { requestsWith, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";

const KEY = "sk-test-gemini-payload-0123456789";
const PROMPT = "白底产品图, ceramic mug";
const fake = fakeGateway((_req, res) =>
  sendJson(res, 200, {
    candidates: [
      {
        content: { role: "model", parts: [{ inlineData: { mimeType: "image/png", data: b64(PNG) } }] },
        finishReason: "STOP",
      },
    ],
    responseId: "r1",
  }),
);

const config = (over: Partial<ProviderConfig> = {}) => fake.config(KEY, over);

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

const providerRequest = requestsWith(PROMPT);

const text = { text: PROMPT };
const inline = (i: BytesInput) => ({ inline_data: { mime_type: i.mimeType, data: b64(i.bytes) } });
const modalities = ["TEXT", "IMAGE"];

async function sent(req: ProviderRequest) {
  await provider.run(req, config());
  expect(fake.requests).toHaveLength(1);
  const r = fake.requests[0];
  return { path: r.path, headers: r.headers, json: JSON.parse(r.body.toString("utf8")) as unknown };
}

describe("generateContent bodies, model by model", () => {
  const cases: [string, string, "generate" | "edit", Record<string, unknown>, ProviderImageInput[], unknown][] = [
    [
      // DMXAPI documents that 2.5 Flash takes no responseModalities (§F.3): its card's wire switch says so.
      "2.5 Flash, defaults: no imageConfig at all (auto ratio, 1K only), no responseModalities",
      "gemini-2.5-flash-image",
      "generate",
      {},
      [],
      { contents: [{ role: "user", parts: [text] }], generationConfig: {} },
    ],
    [
      "2.5 Flash, 21:9",
      "gemini-2.5-flash-image",
      "generate",
      { aspect_ratio: "21:9" },
      [],
      {
        contents: [{ role: "user", parts: [text] }],
        generationConfig: { imageConfig: { aspectRatio: "21:9" } },
      },
    ],
    [
      // Nothing chosen, nothing sent: 1K is the upstream's own default (§F.4).
      "3 Pro, defaults: no imageConfig, no tools",
      "gemini-3-pro-image",
      "generate",
      {},
      [],
      { contents: [{ role: "user", parts: [text] }], generationConfig: { responseModalities: modalities } },
    ],
    [
      "3 Pro, 16:9 at 4K with Google Search",
      "gemini-3-pro-image-preview",
      "generate",
      { aspect_ratio: "16:9", image_size: "4K", google_search: true },
      [],
      {
        contents: [{ role: "user", parts: [text] }],
        generationConfig: { responseModalities: modalities, imageConfig: { aspectRatio: "16:9", imageSize: "4K" } },
        tools: [{ google_search: {} }],
      },
    ],
    [
      "3.1 Flash, 8:1 at 2K",
      "gemini-3.1-flash-image-preview",
      "generate",
      { aspect_ratio: "8:1", image_size: "2K" },
      [],
      {
        contents: [{ role: "user", parts: [text] }],
        generationConfig: { responseModalities: modalities, imageConfig: { aspectRatio: "8:1", imageSize: "2K" } },
      },
    ],
    [
      "2.5 Flash edit: the prompt, then each image as inline_data (snake_case, as DMXAPI documents)",
      "gemini-2.5-flash-image",
      "edit",
      {},
      [A, B, C],
      {
        contents: [{ role: "user", parts: [text, inline(A), inline(B), inline(C)] }],
        generationConfig: {},
      },
    ],
    [
      "3 Pro edit, auto ratio (follows the input) at 2K",
      "gemini-3-pro-image-preview",
      "edit",
      { image_size: "2K", google_search: false },
      [B],
      {
        contents: [{ role: "user", parts: [text, inline(B)] }],
        generationConfig: { responseModalities: modalities, imageConfig: { imageSize: "2K" } },
      },
    ],
    [
      "3.1 Flash edit, 1:4",
      "gemini-3.1-flash-image-preview",
      "edit",
      { aspect_ratio: "1:4" },
      [A, C],
      {
        contents: [{ role: "user", parts: [text, inline(A), inline(C)] }],
        generationConfig: { responseModalities: modalities, imageConfig: { aspectRatio: "1:4" } },
      },
    ],
  ];

  it.each(cases)("%s", async (_name, model, op, params, images, wire) => {
    const s = await sent(providerRequest(model, op, params, images));
    expect(s.path).toBe(`/v1beta/models/${model}:generateContent`);
    expect(s.json).toStrictEqual(wire);
  });

  it("authenticates with x-goog-api-key only: no Authorization header, no ?key= in the URL", async () => {
    const s = await sent(providerRequest("gemini-3-pro-image-preview", "generate", {}));
    expect(s.headers["x-goog-api-key"]).toBe(KEY);
    expect(s.headers.authorization).toBeUndefined();
    expect(s.path).not.toContain("key=");
    expect(s.headers["content-type"]).toBe("application/json");
  });

  it("tolerates a trailing slash on the base URL", () => {
    const d = provider.describe(
      providerRequest("gemini-2.5-flash-image", "generate", {}),
      config({ baseUrl: `${fake.origin}/` }),
    );
    expect(d.url).toBe(`${fake.origin}/v1beta/models/gemini-2.5-flash-image:generateContent`);
  });
});

describe("describe", () => {
  it("shows the same body with image data elided and the key redacted", () => {
    const req = providerRequest("gemini-3.1-flash-image-preview", "edit", { aspect_ratio: "3:2", image_size: "4K" }, [
      A,
      B,
    ]);
    const d = provider.describe(req, config());
    expect(d).toEqual({
      method: "POST",
      url: `${fake.origin}/v1beta/models/gemini-3.1-flash-image-preview:generateContent`,
      headers: { "x-goog-api-key": "[redacted]", "content-type": "application/json", accept: "application/json" },
      body: {
        kind: "json",
        json: {
          contents: [
            {
              role: "user",
              parts: [
                text,
                { inline_data: { mime_type: "image/png", data: `[base64 of ${PNG.byteLength} bytes]` } },
                { inline_data: { mime_type: "image/jpeg", data: `[base64 of ${JPEG.byteLength} bytes]` } },
              ],
            },
          ],
          generationConfig: { responseModalities: modalities, imageConfig: { aspectRatio: "3:2", imageSize: "4K" } },
        },
      },
    });
    expect(JSON.stringify(d)).not.toContain(KEY);
  });
});

describe("every Gemini card's defaults and carried-over values make a body the card allows", () => {
  const messy = {
    aspect_ratio: "8:1",
    image_size: "4K",
    google_search: true,
    n: 3,
    size: "1024x1024",
    quality: "high",
  };
  const cards = MODELS.filter((m) => m.provider === "dmxapi_gemini");
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
    const json = (
      d.body as {
        json: { generationConfig: { imageConfig?: { aspectRatio?: string; imageSize?: string } }; tools?: unknown };
      }
    ).json;
    const ic = json.generationConfig.imageConfig ?? {};
    const ratio = card.params.aspect_ratio;
    if (ic.aspectRatio) expect(ratio.type === "enum" && ratio.values).toContain(ic.aspectRatio);
    if (ic.imageSize) expect(card.params.image_size).toBeDefined();
    if (json.tools) expect(card.params.google_search).toBeDefined();
    expect(Object.keys(json).every((k) => ["contents", "generationConfig", "tools"].includes(k))).toBe(true);
  });
});

describe("guards against bugs upstream of the provider", () => {
  it("refuses a param Gemini does not take (n, size), a mask, and wrong image counts, before sending anything", async () => {
    const base = { model: "gemini-3-pro-image-preview", prompt: "p" };
    await expect(
      provider.run({ ...base, operation: "generate", params: { n: 2 }, images: [] }, config()),
    ).rejects.toThrow(/'n' is not a Gemini param/);
    await expect(
      provider.run({ ...base, operation: "generate", params: { size: "1024x1024" }, images: [] }, config()),
    ).rejects.toThrow(/'size'/);
    await expect(
      provider.run({ ...base, operation: "generate", params: { google_search: "yes" }, images: [] }, config()),
    ).rejects.toThrow(/must be a boolean/);
    await expect(
      provider.run({ ...base, operation: "edit", params: {}, images: [A], mask: A }, config()),
    ).rejects.toThrow(/no mask/);
    await expect(provider.run({ ...base, operation: "edit", params: {}, images: [] }, config())).rejects.toThrow(
      /1\.\.14 images/,
    );
    await expect(
      provider.run({ ...base, operation: "edit", params: {}, images: Array(15).fill(A) }, config()),
    ).rejects.toThrow(/1\.\.14 images/);
    await expect(provider.run({ ...base, operation: "generate", params: {}, images: [A] }, config())).rejects.toThrow(
      /no images/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});
