/**
 * Exact outgoing requests of the OpenAI-img provider, recorded by a fake gateway, and checked
 * against OpenAI's own OpenAPI schemas (CreateImageRequest / CreateImageEditRequest).
 */
import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/models";
import { dmxapiOpenAiImgProvider as provider } from "@/lib/providers/dmxapi-openai-img";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { defaultParams, sanitizeParamsForModel } from "@/lib/validation";
import { requestsWith, fakeGateway } from "@/tests/helpers/provider-setup";
import { parseMultipart, sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";
import { multipartToObject, schemaErrors } from "@/tests/helpers/openapi-checker";

const KEY = "sk-test-payload-0123456789abcdef";
const PROMPT = "白底产品图, ceramic mug";
const fake = fakeGateway((_req, res) => sendJson(res, 200, { created: 1, data: [{ b64_json: b64(PNG) }] }));

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
const MASK = img(PNG, "mask.png", "image/png");

const providerRequest = requestsWith(PROMPT);

describe("generations: JSON bodies", () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      "gpt-image-1.5",
      {
        n: 2,
        size: "1024x1536",
        quality: "high",
        background: "transparent",
        moderation: "low",
        output_format: "webp",
        output_compression: 80,
      },
      {
        n: 2,
        size: "1024x1536",
        quality: "high",
        background: "transparent",
        moderation: "low",
        output_format: "webp",
        output_compression: 80,
      },
    ],
    // Nothing chosen, nothing but model and prompt sent: the upstream's own defaults apply (§J.3).
    ["gpt-image-1", {}, {}],
    [
      "gpt-image-1-mini",
      { output_format: "jpeg", output_compression: 35, quality: "low" },
      // Card order, whatever order the client chose them in.
      { quality: "low", output_format: "jpeg", output_compression: 35 },
    ],
    ["gpt-image-2", { size: "1536x864", background: "opaque" }, { size: "1536x864", background: "opaque" }],
    ["gpt-image-2-2026-04-21", { quality: "high" }, { quality: "high" }],
    [
      "dall-e-3",
      { size: "1792x1024", quality: "hd", style: "natural", response_format: "url" },
      { size: "1792x1024", quality: "hd", style: "natural", response_format: "url" },
    ],
    // dall-e-3's upstream default is `url`; the studio's is b64_json, so that one is always sent.
    ["dall-e-3", {}, { response_format: "b64_json" }],
  ];

  it.each(cases)("%s sends exactly model, prompt and its params", async (model, params, wire) => {
    const req = providerRequest(model, "generate", params);
    await provider.run(req, config());
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/images/generations");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers["content-type"]).toBe("application/json");
    const json = JSON.parse(sent.body.toString("utf8"));
    expect(json).toStrictEqual({ model, prompt: PROMPT, ...wire });
    expect(Object.keys(json).slice(0, 2)).toEqual(["model", "prompt"]);
    expect(schemaErrors("CreateImageRequest", json)).toEqual([]);

    const described = provider.describe(req, config());
    expect(described).toEqual({
      method: "POST",
      url: `${fake.origin}/v1/images/generations`,
      headers: { authorization: "Bearer [redacted]", accept: "application/json", "content-type": "application/json" },
      body: { kind: "json", json },
    });
    expect(JSON.stringify(described)).not.toContain(KEY);
  });

  it("tolerates a trailing slash on the base URL", () => {
    expect(
      provider.describe(providerRequest("gpt-image-1", "generate", {}), config({ baseUrl: `${fake.origin}/` })).url,
    ).toBe(`${fake.origin}/v1/images/generations`);
  });
});

describe("edits: multipart parts", () => {
  it("gpt-image-1.5: 2 images + mask = text fields, 2 `image` parts, 1 `mask`, in that order", async () => {
    const req = providerRequest("gpt-image-1.5", "edit", { input_fidelity: "high", quality: "medium" }, [A, B], MASK);
    await provider.run(req, config());
    const sent = fake.requests[0];
    expect(sent.path).toBe("/v1/images/edits");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await parseMultipart(sent);
    expect(parts.map((p) => p.name)).toEqual([
      "model",
      "prompt",
      "quality",
      "input_fidelity",
      "image",
      "image",
      "mask",
    ]);
    expect(parts.filter((p) => p.value !== undefined).map((p) => [p.name, p.value])).toEqual([
      ["model", "gpt-image-1.5"],
      ["prompt", PROMPT],
      ["quality", "medium"],
      ["input_fidelity", "high"],
    ]);
    expect(parts.slice(4).map((p) => [p.name, p.filename, p.type, p.bytes])).toEqual([
      ["image", "a.png", "image/png", PNG],
      ["image", "b.jpg", "image/jpeg", JPEG],
      ["mask", "mask.png", "image/png", PNG],
    ]);
    expect(schemaErrors("CreateImageEditRequest", multipartToObject(parts))).toEqual([]);
  });

  it("names the image parts `image[]` when the gateway wants that", async () => {
    const req = providerRequest("gpt-image-1", "edit", {}, [A, B, C]);
    await provider.run(req, config({ imagePartName: "image[]" }));
    const parts = await parseMultipart(fake.requests[0]);
    expect(parts.filter((p) => p.bytes).map((p) => p.name)).toEqual(["image[]", "image[]", "image[]"]);
    expect(parts.some((p) => p.name === "image" || p.name === "mask")).toBe(false);
    expect(schemaErrors("CreateImageEditRequest", multipartToObject(parts))).toEqual([]);
  });

  it("gpt-image-1-mini: compression with jpeg, no input_fidelity, no moderation", async () => {
    const req = providerRequest("gpt-image-1-mini", "edit", { output_format: "jpeg", output_compression: 60, n: 3 }, [
      C,
    ]);
    await provider.run(req, config());
    const parts = await parseMultipart(fake.requests[0]);
    expect(parts.map((p) => [p.name, p.value ?? p.filename])).toEqual([
      ["model", "gpt-image-1-mini"],
      ["prompt", PROMPT],
      ["n", "3"],
      ["output_format", "jpeg"],
      ["output_compression", "60"],
      ["image", "c.webp"],
    ]);
    expect(schemaErrors("CreateImageEditRequest", multipartToObject(parts))).toEqual([]);
  });

  it("gpt-image-2: custom size, mask, and no input_fidelity", async () => {
    const req = providerRequest("gpt-image-2", "edit", { size: "2048x1152" }, [A], MASK);
    await provider.run(req, config());
    const parts = await parseMultipart(fake.requests[0]);
    expect(parts.map((p) => p.name)).toEqual(["model", "prompt", "size", "image", "mask"]);
    expect(parts.find((p) => p.name === "size")?.value).toBe("2048x1152");
    expect(schemaErrors("CreateImageEditRequest", multipartToObject(parts))).toEqual([]);
  });

  it("describe lists the same parts, with byte counts instead of bytes and the key redacted", () => {
    const req = providerRequest("gpt-image-1", "edit", {}, [A, B], MASK);
    const d = provider.describe(req, config());
    expect(d.url).toBe(`${fake.origin}/v1/images/edits`);
    expect(d.headers).toEqual({ authorization: "Bearer [redacted]", accept: "application/json" });
    expect(d.body).toEqual({
      kind: "multipart",
      parts: [
        { name: "model", value: "gpt-image-1" },
        { name: "prompt", value: PROMPT },
        { name: "image", filename: "a.png", type: "image/png", bytes: PNG.byteLength },
        { name: "image", filename: "b.jpg", type: "image/jpeg", bytes: JPEG.byteLength },
        { name: "mask", filename: "mask.png", type: "image/png", bytes: PNG.byteLength },
      ],
    });
  });
});

describe("every card's payloads conform to the official schema", () => {
  const messy = {
    n: 2,
    output_format: "webp",
    output_compression: 70,
    background: "transparent",
    quality: "high",
    size: "1024x1536",
    style: "natural",
  };
  const cards = MODELS.filter((m) => m.provider === "dmxapi_openai_img");
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
    const card = MODELS.find((m) => m.id === id)!;
    const params = which === "defaults" ? defaultParams(card, op) : sanitizeParamsForModel(card, op, messy);
    const images = op === "edit" ? [A] : [];
    const d = provider.describe({ model: id, operation: op, prompt: PROMPT, params, images }, config());
    const errors =
      d.body.kind === "json"
        ? schemaErrors("CreateImageRequest", d.body.json)
        : schemaErrors("CreateImageEditRequest", multipartToObject(d.body.parts));
    expect(errors).toEqual([]);
  });
});

describe("guards against bugs upstream of the provider", () => {
  it("refuses a field the endpoint does not take, before sending anything", async () => {
    const req: ProviderRequest = {
      model: "gpt-image-1",
      operation: "generate",
      prompt: "p",
      params: { stream: true },
      images: [],
    };
    await expect(provider.run(req, config())).rejects.toThrow(/'stream' is not a generate field/);
    const edit: ProviderRequest = {
      model: "gpt-image-1",
      operation: "edit",
      prompt: "p",
      params: { moderation: "low" },
      images: [A],
    };
    await expect(provider.run(edit, config())).rejects.toThrow(/'moderation' is not a edit field/);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an edit with no images or more than 16, and a generate with images", async () => {
    const base = { model: "gpt-image-1", prompt: "p", params: {} };
    await expect(provider.run({ ...base, operation: "edit", images: [] }, config())).rejects.toThrow(/1\.\.16 images/);
    await expect(provider.run({ ...base, operation: "edit", images: Array(17).fill(A) }, config())).rejects.toThrow(
      /1\.\.16 images/,
    );
    await expect(provider.run({ ...base, operation: "generate", images: [A] }, config())).rejects.toThrow(/no images/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the OpenAPI checker itself", () => {
  it("catches what it is meant to catch", () => {
    expect(schemaErrors("CreateImageRequest", { prompt: "p", model: "gpt-image-1" })).toEqual([]);
    expect(schemaErrors("CreateImageRequest", { model: "x" })).toEqual(["CreateImageRequest.prompt: required"]);
    expect(schemaErrors("CreateImageRequest", { prompt: "p", quality: "ultra" })[0]).toMatch(/not in enum/);
    expect(schemaErrors("CreateImageRequest", { prompt: "p", n: 11 })[0]).toMatch(/maximum 10/);
    expect(schemaErrors("CreateImageRequest", { prompt: "p", n: 1.5 })[0]).toMatch(/expected integer/);
    expect(schemaErrors("CreateImageRequest", { prompt: "p", seed: 1 })[0]).toMatch(/not a property/);
    expect(schemaErrors("CreateImageEditRequest", { prompt: "p", image: "<binary>", moderation: "low" })[0]).toMatch(
      /not a property/,
    );
    expect(
      schemaErrors("CreateImageEditRequest", { prompt: "p", image: "<binary>", input_fidelity: "max" })[0],
    ).toMatch(/anyOf/);
    const tooMany = multipartToObject(Array.from({ length: 17 }, () => ({ name: "image", filename: "a.png" })));
    expect(schemaErrors("CreateImageEditRequest", { prompt: "p", ...tooMany })[0]).toMatch(/anyOf/);
  });
});
