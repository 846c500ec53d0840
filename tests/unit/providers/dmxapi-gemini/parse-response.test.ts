/** Every documented shape of a Gemini `generateContent` answer, including the quirks and the safety blocks. */
import { describe, expect, it } from "vitest";
import { dmxapiGeminiProvider as provider } from "@/lib/providers/dmxapi-gemini";
import type { ProviderConfig, ProviderRequest } from "@/lib/providers/types";
import { upstreamFailure, fakeGateway } from "@/tests/helpers/provider-setup";
import { sendJson } from "@/tests/helpers/fake-upstream";
import { b64, GIF, JPEG, PNG, WEBP } from "@/tests/helpers/image-fixtures";

const KEY = "sk-test-gemini-answers-0123456789";
const fake = fakeGateway();

const cfg = (): ProviderConfig => fake.config(KEY);
const GEN: ProviderRequest = {
  model: "gemini-3-pro-image-preview",
  operation: "generate",
  prompt: "mug",
  params: { image_size: "2K" },
  images: [],
};

const USAGE = {
  promptTokenCount: 12,
  candidatesTokenCount: 1120,
  totalTokenCount: 1312,
  thoughtsTokenCount: 180,
  promptTokensDetails: [{ modality: "TEXT", tokenCount: 12 }],
  candidatesTokensDetails: [{ modality: "IMAGE", tokenCount: 1120 }],
};

const answer = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
  usageMetadata: USAGE,
  modelVersion: "gemini-3-pro-image-preview",
  responseId: "resp-abc",
  ...extra,
});

function serve(body: unknown, headers: Record<string, string> = {}, status = 200) {
  fake.handler = (_req, res) => sendJson(res, status, body, headers);
}

describe("images in parts", () => {
  it("reads inlineData (camelCase) after a text part, with usage, model version, request id and phases", async () => {
    serve(
      answer([
        { text: "Here is your mug." },
        { inlineData: { mimeType: "image/jpeg", data: b64(JPEG) }, thoughtSignature: "" },
      ]),
      { "x-request-id": "req_gm1" },
    );
    const phases: string[] = [];
    const r = await provider.run({ ...GEN, onPhase: (p) => phases.push(p) }, cfg());
    expect(r.images).toEqual([{ bytes: JPEG, mimeType: "image/jpeg", revisedPrompt: null }]);
    expect(r.failures).toEqual([]);
    expect(r.usage).toEqual(USAGE);
    expect(r.resolved).toEqual({ model_version: "gemini-3-pro-image-preview" });
    expect(r.requestId).toBe("req_gm1");
    expect(r.httpStatus).toBe(200);
    expect(phases).toEqual(["submitting", "generating", "downloading"]);
  });

  it("falls back to x-oneapi-request-id, then to Google's responseId", async () => {
    serve(answer([{ inlineData: { mimeType: "image/png", data: b64(PNG) } }]), { "x-oneapi-request-id": "oneapi-7" });
    expect((await provider.run(GEN, cfg())).requestId).toBe("oneapi-7");
    serve(answer([{ inlineData: { mimeType: "image/png", data: b64(PNG) } }]));
    expect((await provider.run(GEN, cfg())).requestId).toBe("resp-abc");
  });

  it("also reads snake_case inline_data (some gateways echo the request casing)", async () => {
    serve(answer([{ inline_data: { mime_type: "image/webp", data: b64(WEBP) } }]));
    const r = await provider.run(GEN, cfg());
    expect(r.images.map((i) => i.mimeType)).toEqual(["image/webp"]);
  });

  it("takes the mime type from the bytes, not from the declared mimeType", async () => {
    serve(answer([{ inlineData: { mimeType: "image/png", data: b64(JPEG) } }]));
    expect((await provider.run(GEN, cfg())).images[0].mimeType).toBe("image/jpeg");
  });

  it("skips the model's interim `thought` images and keeps the final one", async () => {
    serve(
      answer([
        { inlineData: { mimeType: "image/png", data: b64(PNG) }, thought: true },
        { text: "thinking", thought: true },
        { inlineData: { mimeType: "image/jpeg", data: b64(JPEG) } },
      ]),
    );
    const r = await provider.run(GEN, cfg());
    expect(r.images).toEqual([{ bytes: JPEG, mimeType: "image/jpeg", revisedPrompt: null }]);
  });

  it("keeps every final image when the model returns several", async () => {
    serve(
      answer([
        { inlineData: { mimeType: "image/png", data: b64(PNG) } },
        { text: "and another" },
        { inlineData: { mimeType: "image/jpeg", data: b64(JPEG) } },
      ]),
    );
    expect((await provider.run(GEN, cfg())).images.map((i) => i.mimeType)).toEqual(["image/png", "image/jpeg"]);
  });
});

describe("the data-URL-in-text quirk (documented by DMXAPI for 3-pro)", () => {
  it.each([
    ["a bare data URL", `data:image/png;base64,${b64(PNG)}`],
    ["a markdown image", `![image](data:image/png;base64,${b64(PNG)})`],
    ["a data URL inside prose", `Sure! Here it is: data:image/png;base64,${b64(PNG)} Enjoy.`],
  ])("reads %s", async (_what, textPart) => {
    serve(answer([{ text: textPart }]));
    const r = await provider.run(GEN, cfg());
    expect(r.images).toEqual([{ bytes: PNG, mimeType: "image/png", revisedPrompt: null }]);
    expect(r.failures).toEqual([]);
  });

  it("reads a data URL text part next to an inlineData part as two images", async () => {
    serve(
      answer([
        { inlineData: { mimeType: "image/jpeg", data: b64(JPEG) } },
        { text: `![x](data:image/webp;base64,${b64(WEBP)})` },
      ]),
    );
    expect((await provider.run(GEN, cfg())).images.map((i) => i.mimeType)).toEqual(["image/jpeg", "image/webp"]);
  });
});

describe("bad image data", () => {
  it("keeps the good image and reports the one that is not an image", async () => {
    serve(
      answer([
        { inlineData: { mimeType: "image/gif", data: b64(GIF) } },
        { inlineData: { mimeType: "image/png", data: b64(PNG) } },
      ]),
    );
    const r = await provider.run(GEN, cfg());
    expect(r.images).toHaveLength(1);
    expect(r.failures).toEqual([
      { index: 0, code: "upstream_bad_response", message: "image data in inlineData is not PNG, JPEG or WebP" },
    ]);
  });

  it("fails with upstream_bad_response when nothing decodes", async () => {
    serve(answer([{ inlineData: { mimeType: "image/png", data: "%%%not-base64%%%" } }]), { "x-request-id": "req_bad" });
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect([e.code, e.requestId, e.httpStatus]).toEqual(["upstream_bad_response", "req_bad", 200]);
    expect(e.message).toContain("not base64");
  });

  it("a body that is not JSON, or not a generateContent answer, is upstream_bad_response", async () => {
    fake.handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_cut" });
      res.end('{"candidates":[{"content":{"parts":[{"inlineData":{"data":"iVBOR');
    };
    const cut = await upstreamFailure(provider.run(GEN, cfg()));
    expect([cut.code, cut.requestId]).toEqual(["upstream_bad_response", "req_cut"]);
    serve({ candidates: "nope" });
    expect((await upstreamFailure(provider.run(GEN, cfg()))).message).toMatch(
      /not a generateContent response \(candidates\)/,
    );
  });
});

describe("no image: safety blocks and refusals", () => {
  it("IMAGE_SAFETY with no content at all is upstream_moderation_blocked (§D.3)", async () => {
    serve(
      {
        candidates: [
          {
            finishReason: "IMAGE_SAFETY",
            finishMessage: "Unable to show the generated image: blocked by the image safety filter.",
            index: 0,
          },
        ],
        usageMetadata: { ...USAGE, candidatesTokenCount: 0 },
        responseId: "resp-blocked",
      },
      { "x-request-id": "req_safety" },
    );
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect(e.code).toBe("upstream_moderation_blocked");
    expect(e.requestId).toBe("req_safety");
    expect(e.httpStatus).toBe(200);
    expect(e.message).toBe(
      "Gemini blocked the image (finishReason IMAGE_SAFETY): Unable to show the generated image: blocked by the image safety filter.",
    );
  });

  it.each([
    "SAFETY",
    "PROHIBITED_CONTENT",
    "IMAGE_PROHIBITED_CONTENT",
    "BLOCKLIST",
    "SPII",
    "RECITATION",
    "IMAGE_RECITATION",
  ])("finishReason %s with an empty parts list is a moderation block", async (reason) => {
    serve({ candidates: [{ content: { role: "model", parts: [] }, finishReason: reason }], responseId: "resp-x" });
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect(e.code).toBe("upstream_moderation_blocked");
    expect(e.requestId).toBe("resp-x");
  });

  it("a blocked prompt (promptFeedback.blockReason, no candidates) is a moderation block", async () => {
    serve({
      promptFeedback: { blockReason: "PROHIBITED_CONTENT", blockReasonMessage: "The prompt was blocked." },
      usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
    });
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect(e.code).toBe("upstream_moderation_blocked");
    expect(e.message).toBe("Gemini blocked the prompt (blockReason PROHIBITED_CONTENT): The prompt was blocked.");
  });

  it("a model that only answers in words is upstream_bad_response, quoting what it said", async () => {
    serve({ candidates: [{ content: { parts: [{ text: "I can't draw real people." }] }, finishReason: "STOP" }] });
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect(e.code).toBe("upstream_bad_response");
    expect(e.message).toBe(
      'Gemini returned no image (finishReason STOP); the model said: "I can\'t draw real people."',
    );
  });

  it("NO_IMAGE and no candidates at all are upstream_bad_response", async () => {
    serve({ candidates: [{ finishReason: "NO_IMAGE" }] });
    expect((await upstreamFailure(provider.run(GEN, cfg()))).message).toBe(
      "Gemini returned no image (finishReason NO_IMAGE)",
    );
    serve({ candidates: [] });
    const e = await upstreamFailure(provider.run(GEN, cfg()));
    expect([e.code, e.message]).toEqual(["upstream_bad_response", "Gemini answered with no candidates"]);
  });

  it("only thought images and no final one is not a result", async () => {
    serve(answer([{ inlineData: { mimeType: "image/png", data: b64(PNG) }, thought: true }]));
    expect((await upstreamFailure(provider.run(GEN, cfg()))).code).toBe("upstream_bad_response");
  });
});
