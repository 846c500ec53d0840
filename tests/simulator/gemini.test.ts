import { describe, expect, it } from "vitest";
import { createSimulator } from "@/lib/simulator";
import { ALL_MODELS, BASE, expectIds, jsonRequest, KEY, meta, png, readJson } from "@/tests/helpers/simulator-requests";

const path = (model: string) => `/v1beta/models/${model}:generateContent`;
const goog = { auth: null, headers: { "x-goog-api-key": KEY } };

function body(text: string, config: Record<string, unknown> = {}, extraParts: unknown[] = []) {
  return { contents: [{ role: "user", parts: [{ text }, ...extraParts] }], generationConfig: config };
}

interface Part {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  thoughtSignature?: string;
}
type Candidate = { content?: { parts: Part[] }; finishReason: string };

async function expectGoogleError(res: Response, status: number, googleStatus: string): Promise<string> {
  expect(res.status).toBe(status);
  // Google's errors reach the studio through the gateway, which appends its own id (§D.3).
  const { gateway } = expectIds(res);
  const b = await readJson(res);
  expect(b.error).toMatchObject({ code: status, status: googleStatus });
  expect(String(b.error!.message).endsWith(` (request id: ${gateway})`)).toBe(true);
  return String(b.error!.message);
}

describe("POST /v1beta/models/{model}:generateContent", () => {
  it("answers 16:9 at 2K with a 2688x1536 inlineData PNG in camelCase, after a text part", async () => {
    const sim = createSimulator(ALL_MODELS);
    const res = await sim.handle(
      jsonRequest(
        path("gemini-3-pro-image-preview"),
        body("a sneaker", { imageConfig: { aspectRatio: "16:9", imageSize: "2K" } }),
        goog,
      ),
    );
    expect(res.status).toBe(200);
    const b = await readJson(res);
    const [cand] = b.candidates as Candidate[];
    expect(cand.finishReason).toBe("STOP");
    const parts = cand.content!.parts;
    expect(parts[0].text).toContain("a sneaker");
    expect(parts[1]).toMatchObject({ inlineData: { mimeType: "image/png" }, thoughtSignature: "" });
    const m = await meta(parts[1].inlineData!.data);
    expect([m.format, m.width, m.height]).toEqual(["png", 2688, 1536]);
    expect(b).toMatchObject({ modelVersion: "gemini-3-pro-image-preview", responseId: expect.any(String) });
    expect(b.usageMetadata).toMatchObject({
      candidatesTokensDetails: expect.arrayContaining([{ modality: "IMAGE", tokenCount: 1120 }]),
    });
    expect(sim.requests[0].authScheme).toBe("goog");
    expect(sim.requests[0].headers["x-goog-api-key"]).toBe("<redacted>");
  });

  it("leaves out the text part with responseModalities [IMAGE] and takes snake_case input images", async () => {
    const input = (await png(600, 400)).toString("base64");
    const req = {
      contents: [{ parts: [{ text: "edit it" }, { inline_data: { mime_type: "image/png", data: input } }] }],
      generation_config: { response_modalities: ["IMAGE"] },
    };
    const sim = createSimulator();
    const res = await sim.handle(
      new Request(`${BASE}${path("gemini-3-pro-image")}?key=${KEY}`, { method: "POST", body: JSON.stringify(req) }),
    );
    const parts = ((await readJson(res)).candidates as Candidate[])[0].content!.parts;
    expect(parts).toHaveLength(1);
    const m = await meta(parts[0].inlineData!.data);
    expect([m.width, m.height]).toEqual([1248, 832]); // no aspectRatio: the input's 3:2
    expect(sim.requests[0]).toMatchObject({ authScheme: "query", query: { key: "<redacted>" } });
  });

  it("accepts a bare Authorization key and refuses a missing one with UNAUTHENTICATED", async () => {
    const sim = createSimulator();
    expect((await sim.handle(jsonRequest(path("gemini-2.5-flash-image"), body("x"), { auth: KEY }))).status).toBe(200);
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-2.5-flash-image"), body("x"), { auth: null })),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("holds each model to its own ratios and sizes", async () => {
    const sim = createSimulator(ALL_MODELS);
    const ask = (model: string, imageConfig: Record<string, string>) =>
      sim.handle(jsonRequest(path(model), body("x", { imageConfig }), goog));
    await expectGoogleError(await ask("gemini-2.5-flash-image", { imageSize: "2K" }), 400, "INVALID_ARGUMENT");
    await expectGoogleError(await ask("gemini-3-pro-image", { aspectRatio: "1:8" }), 400, "INVALID_ARGUMENT");
    await expectGoogleError(await ask("gemini-3-pro-image", { imageSize: "2k" }), 400, "INVALID_ARGUMENT");
    const ok = await ask("gemini-3.1-flash-image-preview", { aspectRatio: "1:8", imageSize: "1K" });
    const m = await meta(((await readJson(ok)).candidates as Candidate[])[0].content!.parts[1].inlineData!.data);
    expect([m.width, m.height]).toEqual([368, 2944]);
  });

  it("refuses unknown fields, unknown models and empty contents in the Google envelope", async () => {
    const sim = createSimulator();
    const unknownField = await sim.handle(
      jsonRequest(
        path("gemini-3-pro-image"),
        { ...body("x"), generationConfig: { imageConfig: { aspect: "1:1" } } },
        goog,
      ),
    );
    expect(await expectGoogleError(unknownField, 400, "INVALID_ARGUMENT")).toMatch(/Unknown name "aspect"/);
    await expectGoogleError(await sim.handle(jsonRequest(path("gemini-9-image"), body("x"), goog)), 503, "UNAVAILABLE");
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-3-pro-image"), { contents: [] }, goog)),
      400,
      "INVALID_ARGUMENT",
    );
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-3-pro-image"), body("x", { responseModalities: ["TEXT"] }), goog)),
      400,
      "INVALID_ARGUMENT",
    );
  });

  it("blocks with finishReason IMAGE_SAFETY and no image part under the moderation fault", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "moderation", path: "/v1beta/" });
    const res = await sim.handle(jsonRequest(path("gemini-3-pro-image"), body("x"), goog));
    expect(res.status).toBe(200);
    const [cand] = (await readJson(res)).candidates as Candidate[];
    expect(cand.finishReason).toBe("IMAGE_SAFETY");
    expect(cand.content?.parts ?? []).toEqual([]);
  });

  it("returns the image as a text data URL under the gemini_text_data_url quirk", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "gemini_text_data_url" });
    const res = await sim.handle(
      jsonRequest(path("gemini-3-pro-image"), body("x", { responseModalities: ["IMAGE"] }), goog),
    );
    const parts = ((await readJson(res)).candidates as Candidate[])[0].content!.parts;
    expect(parts.some((p) => p.inlineData)).toBe(false);
    const m = /data:image\/png;base64,([A-Za-z0-9+/=]+)/.exec(parts[0].text ?? "");
    expect(m).not.toBeNull();
    expect((await meta(m![1])).width).toBe(1024);
  });

  it("answers faults with Google statuses", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "rate_limit" });
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-3-pro-image"), body("x"), goog)),
      429,
      "RESOURCE_EXHAUSTED",
    );
    sim.addFault({ kind: "server_error" });
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-3-pro-image"), body("x"), goog)),
      500,
      "INTERNAL",
    );
    sim.addFault({ kind: "unavailable" });
    await expectGoogleError(
      await sim.handle(jsonRequest(path("gemini-3-pro-image"), body("x"), goog)),
      503,
      "UNAVAILABLE",
    );
  });
});
