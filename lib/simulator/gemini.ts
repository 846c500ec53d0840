import "server-only";
import { randomBytes } from "node:crypto";
import type { RouteContext } from "./context";
import { noChannelMessage } from "./gateway-errors";
import { geminiModel, geminiPixels, nearestRatio, type GeminiModelSpec } from "./gemini-models";
import { readGeminiRequest, type GeminiRequest } from "./gemini-request";
import { googleError, jsonResponse } from "./http";
import { truncateBase64 } from "./image-input";
import { renderEdit, renderImage } from "./render";
import { invalidJsonResponse } from "./respond";

const PROMPT_IMAGE_TOKENS = 258; // Gemini's flat count for a small input image
const THOUGHT_TOKENS = 180;

const tokens = (text: string) => Math.ceil(text.length / 4);

function usageMetadata(spec: GeminiModelSpec, req: GeminiRequest, text: string | null, imageTokens: number) {
  const textIn = tokens(req.prompt);
  const imagesIn = req.images.length * PROMPT_IMAGE_TOKENS;
  const textOut = text ? tokens(text) : 0;
  const thoughts = spec.thinking ? THOUGHT_TOKENS : 0;
  const promptTokensDetails = [{ modality: "TEXT", tokenCount: textIn }];
  if (imagesIn) promptTokensDetails.push({ modality: "IMAGE", tokenCount: imagesIn });
  const candidatesTokensDetails = [{ modality: "IMAGE", tokenCount: imageTokens }];
  if (textOut) candidatesTokensDetails.push({ modality: "TEXT", tokenCount: textOut });
  return {
    promptTokenCount: textIn + imagesIn,
    candidatesTokenCount: imageTokens + textOut,
    totalTokenCount: textIn + imagesIn + imageTokens + textOut + thoughts,
    ...(thoughts ? { thoughtsTokenCount: thoughts } : {}),
    promptTokensDetails,
    candidatesTokensDetails,
  };
}

async function render(req: GeminiRequest, spec: GeminiModelSpec): Promise<Buffer> {
  const first = req.images[0];
  const ratio = req.aspectRatio ?? (first ? nearestRatio(spec.ratios, first.info.width, first.info.height) : "1:1");
  const [width, height] = geminiPixels(ratio, req.imageSize);
  const base = { width, height, seed: req.prompt, variant: 0, transparent: false, format: "png" as const };
  return first ? renderEdit(base, first.bytes) : renderImage(base);
}

/** Safety block (§D.3): finishReason IMAGE_SAFETY and no content at all, so `response.parts` is empty. */
function safetyBlock(ctx: RouteContext, model: string, spec: GeminiModelSpec, req: GeminiRequest): Response {
  const usage = usageMetadata(spec, req, null, 0);
  return jsonResponse(ctx.ids, 200, {
    candidates: [
      {
        finishReason: "IMAGE_SAFETY",
        finishMessage: "Unable to show the generated image: it was blocked by the image safety filter.",
        index: 0,
      },
    ],
    usageMetadata: { ...usage, candidatesTokenCount: 0, candidatesTokensDetails: [] },
    modelVersion: model,
    responseId: randomBytes(12).toString("base64url"),
  });
}

// POST /v1beta/models/{model}:generateContent – Gemini-native (§F.4)
export async function handleGemini(ctx: RouteContext, model: string, method: string): Promise<Response> {
  if (method !== "generateContent")
    throw googleError(400, `${method} is not supported by this simulator; use generateContent.`);
  const spec = geminiModel(model);
  if (!spec) throw googleError(503, noChannelMessage(model));
  const req = await readGeminiRequest(ctx, spec, model);
  const fault = ctx.outputFault(["moderation", "invalid_json", "truncated_base64", "gemini_text_data_url"], model);
  await ctx.process(1 + req.images.length);
  if (fault === "moderation") return safetyBlock(ctx, model, spec, req);
  if (fault === "invalid_json") return invalidJsonResponse(ctx.ids);
  const png = await render(req, spec);
  const data = fault === "truncated_base64" ? truncateBase64(png.toString("base64")) : png.toString("base64");
  const text = req.withText ? `Here is the image you asked for: ${req.prompt.slice(0, 120)}` : null;
  const parts: Record<string, unknown>[] = text ? [{ text }] : [];
  parts.push(
    fault === "gemini_text_data_url"
      ? { text: `![image](data:image/png;base64,${data})` }
      : { inlineData: { mimeType: "image/png", data }, thoughtSignature: "" },
  );
  return jsonResponse(ctx.ids, 200, {
    candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: usageMetadata(spec, req, text, spec.imageTokens[req.imageSize]),
    modelVersion: model,
    responseId: randomBytes(12).toString("base64url"),
  });
}
