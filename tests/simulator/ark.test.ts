import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import { jsonRequest, KEY, meta, png, readJson } from "@/tests/helpers/simulator-requests";

const ARK = "/api/v3/images/generations";
const S40 = "doubao-seedream-4-0-250828";
const S45 = "doubao-seedream-4-5-251128";
const S30 = "doubao-seedream-3-0-t2i-250415";
const EDIT = "doubao-seededit-3-0-i2i-250628";

type Item = { url?: string; b64_json?: string; size?: string; error?: { code: string; message: string } };

async function expectArkError(res: Response, status: number, code: string, param?: string): Promise<void> {
  expect(res.status).toBe(status);
  const id = res.headers.get("x-request-id");
  const b = await readJson(res);
  expect(b.error).toMatchObject({ code, type: expect.any(String) });
  if (param) expect(b.error!.param).toBe(param);
  expect(String(b.error!.message)).toContain(`(request id: ${id})`);
}

const dataUrl = async (w: number, h: number) => `data:image/png;base64,${(await png(w, h)).toString("base64")}`;

describe("POST /api/v3/images/generations (Ark)", () => {
  it("makes a sequential group of 3 where partial_failure fails data[1] only", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "partial_failure", model: S40 });
    const res = await sim.handle(
      jsonRequest(ARK, {
        model: S40,
        prompt: "a set of mugs",
        size: "1K",
        sequential_image_generation: "auto",
        watermark: false,
      }),
    );
    expect(res.status).toBe(200);
    const b = await readJson(res);
    const data = b.data as Item[];
    expect(data).toHaveLength(3);
    expect(data[1]).toEqual({ error: { code: "OutputImageSensitiveContentDetected", message: expect.any(String) } });
    expect(data.filter((d) => d.url)).toHaveLength(2);
    expect(data[0].size).toBe("1024x1024");
    expect(b.usage).toEqual({ generated_images: 2, output_tokens: 8192, total_tokens: 8192 });
    expect(b.model).toBe(S40);
    const file = await sim.handle(new Request(data[0].url!));
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect((await meta(new Uint8Array(await file.arrayBuffer()))).width).toBe(1024);
  });

  it("short_group returns one image fewer than max_images, with nothing failed, and only for groups", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "short_group", model: S40, times: 2 });
    const group = {
      model: S40,
      prompt: "a set",
      size: "1K",
      response_format: "b64_json",
      sequential_image_generation: "auto",
      sequential_image_generation_options: { max_images: 3 },
    };
    const b = await readJson(await sim.handle(jsonRequest(ARK, group)));
    expect((b.data as Item[]).map((d) => Boolean(d.b64_json))).toEqual([true, true]);
    expect(b.usage).toMatchObject({ generated_images: 2 });
    const single = await readJson(
      await sim.handle(
        jsonRequest(ARK, {
          ...group,
          sequential_image_generation: "disabled",
          sequential_image_generation_options: undefined,
        }),
      ),
    );
    expect(single.data as Item[]).toHaveLength(1);
  });

  it("honours max_images, b64_json and the reference image's shape", async () => {
    const res = await createSimulator().handle(
      jsonRequest(ARK, {
        model: S40,
        prompt: "variations",
        image: [await dataUrl(640, 360)],
        size: "2K",
        response_format: "b64_json",
        sequential_image_generation: "auto",
        sequential_image_generation_options: { max_images: 2 },
      }),
    );
    const data = (await readJson(res)).data as Item[];
    expect(data).toHaveLength(2);
    const m = await meta(data[0].b64_json!);
    expect(m.format).toBe("jpeg");
    expect(m.width / m.height).toBeCloseTo(16 / 9, 1);
    expect(data[0].size).toBe(`${m.width}x${m.height}`);
  });

  it("refuses parameters a model does not take, sizes out of range, and too many images", async () => {
    const sim = createSimulator();
    const ask = (b: Record<string, unknown>) => sim.handle(jsonRequest(ARK, { prompt: "x", ...b }));
    await expectArkError(await ask({ model: S40, seed: 42 }), 400, "InvalidParameter", "seed");
    await expectArkError(await ask({ model: S45, size: "1K" }), 400, "InvalidParameter", "size");
    await expectArkError(await ask({ model: S40, size: "512x512" }), 400, "InvalidParameter", "size");
    await expectArkError(await ask({ model: S30, size: "3000x1000" }), 400, "InvalidParameter", "size");
    await expectArkError(await ask({ model: S30, image: await dataUrl(64, 64) }), 400, "InvalidParameter", "image");
    await expectArkError(await ask({ model: S30, guidance_scale: 11 }), 400, "InvalidParameter", "guidance_scale");
    await expectArkError(
      await ask({
        model: S40,
        sequential_image_generation: "auto",
        sequential_image_generation_options: { max_images: 15 },
        image: await dataUrl(64, 64),
      }),
      400,
      "InvalidParameter",
    );
    await expectArkError(
      await ask({ model: S40, image: "https://example.com/a.png" }),
      400,
      "InvalidParameter",
      "image",
    );
    await expectArkError(await ask({ model: S40, n: 2 }), 400, "InvalidParameter", "n");
    expect((await ask({ model: S45, size: "2048x2048" })).status).toBe(200);
    expect((await ask({ model: S30, size: "768x1024", seed: 7, guidance_scale: 2.5 })).status).toBe(200);
  });

  it("holds SeedEdit to exactly one image and the adaptive size", async () => {
    const sim = createSimulator();
    await expectArkError(
      await sim.handle(jsonRequest(ARK, { model: EDIT, prompt: "x" })),
      400,
      "MissingParameter",
      "image",
    );
    await expectArkError(
      await sim.handle(jsonRequest(ARK, { model: EDIT, prompt: "x", image: await dataUrl(64, 64), size: "1K" })),
      400,
      "InvalidParameter",
      "size",
    );
    const res = await sim.handle(
      jsonRequest(ARK, { model: EDIT, prompt: "x", image: await dataUrl(300, 600), seed: -1, guidance_scale: 5.5 }),
    );
    const [item] = (await readJson(res)).data as Item[];
    expect(item.size).toBe("720x1456");
  });

  it("needs a Bearer key and knows its models", async () => {
    const sim = createSimulator();
    await expectArkError(
      await sim.handle(jsonRequest(ARK, { model: S40, prompt: "x" }, { auth: null })),
      401,
      "AuthenticationError",
    );
    await expectArkError(
      await sim.handle(jsonRequest(ARK, { model: S40, prompt: "x" }, { auth: KEY })),
      401,
      "AuthenticationError",
    );
    await expectArkError(
      await sim.handle(jsonRequest(ARK, { model: "doubao-seedream-9", prompt: "x" })),
      404,
      "InvalidEndpointOrModel.NotFound",
    );
  });

  it("fails every image of the group under the moderation fault", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "moderation", path: ARK });
    const b = await readJson(
      await sim.handle(
        jsonRequest(ARK, {
          model: S40,
          prompt: "x",
          size: "1K",
          sequential_image_generation: "auto",
          sequential_image_generation_options: { max_images: 2 },
        }),
      ),
    );
    expect((b.data as Item[]).map((d) => d.error?.code)).toEqual([
      "OutputImageSensitiveContentDetected",
      "OutputImageSensitiveContentDetected",
    ]);
    expect(b.usage).toMatchObject({ generated_images: 0 });
  });
});

describe("Seedream 5.0 lite", () => {
  it("takes PNG output and web search as a tool, and refuses other tools or formats", async () => {
    const sim = createSimulator();
    const base = { model: "doubao-seedream-5-0-260128", prompt: "mug", response_format: "b64_json" };
    const ok = await sim.handle(jsonRequest(ARK, { ...base, output_format: "png", tools: [{ type: "web_search" }] }));
    expect(ok.status).toBe(200);
    for (const bad of [
      { output_format: "webp" },
      { tools: [{ type: "code" }] },
      { optimize_prompt_options: { mode: "fast" } },
    ]) {
      expect((await sim.handle(jsonRequest(ARK, { ...base, ...bad }))).status).toBe(400);
    }
  });
});
