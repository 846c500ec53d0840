import "server-only";
import { z } from "zod";
import type { UpstreamError } from "@/lib/errors";
import { decodeBase64, sniffImageMime } from "../image-bytes";
import { answerError, readAnswer } from "../kit/answer";
import type { AnswerContext, CollectedResult } from "../kit/run";
import type { ProviderFailure, ProviderImage } from "../types";

/**
 * A `generateContent` answer (docs/upstreams.md §F.4), parsed rather than trusted. Images come as
 * `candidates[].content.parts[].inlineData`, or (a quirk DMXAPI documents for 3-pro) as a
 * `data:image/…;base64,` string inside a text part. Parts marked `thought` are the model's interim
 * sketches, not results. No image at all: a safety block (`promptFeedback.blockReason`, or a
 * `finishReason` such as IMAGE_SAFETY) or the model declining in words.
 */

const blobSchema = z.looseObject({
  mimeType: z.string().nullish(),
  mime_type: z.string().nullish(),
  data: z.string().nullish(),
});

const partSchema = z.looseObject({
  text: z.string().nullish(),
  inlineData: blobSchema.nullish(),
  inline_data: blobSchema.nullish(),
  thought: z.boolean().nullish(),
});

const candidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(partSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  finishMessage: z.string().nullish(),
});

const answerSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z
    .looseObject({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() })
    .nullish(),
  usageMetadata: z.record(z.string(), z.unknown()).nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  error: z.unknown().optional(),
});

export type GeminiAnswer = z.output<typeof answerSchema>;

/** Finish reasons that mean "blocked by a safety, policy or recitation filter". */
const BLOCKED = new Set([
  "SAFETY",
  "IMAGE_SAFETY",
  "PROHIBITED_CONTENT",
  "IMAGE_PROHIBITED_CONTENT",
  "BLOCKLIST",
  "SPII",
  "RECITATION",
  "IMAGE_RECITATION",
]);

const DATA_URL_RE = /data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/_-]+={0,2})/gi;
const MAX_QUOTE = 300;

/** Null when the body is an error envelope with no candidates (the caller maps it as an error). */
export function parseAnswerJson(text: string, ctx: AnswerContext): GeminiAnswer | null {
  const data = readAnswer(text, answerSchema, ctx, {
    notJson: `Gemini answered ${ctx.status} with a body that is not JSON`,
    notShape: "Gemini answer is not a generateContent response",
  });
  if (data.error !== undefined && !data.candidates?.length) return null;
  return data;
}

interface Found {
  data: string;
  /** Where it was: `inlineData` or a data URL in text. */
  source: "inlineData" | "text";
}

/** Every final image of the answer, in order, plus the model's own words. */
function collect(answer: GeminiAnswer): { found: Found[]; words: string[] } {
  const found: Found[] = [];
  const words: string[] = [];
  for (const cand of answer.candidates ?? []) {
    for (const part of cand.content?.parts ?? []) {
      if (part.thought) continue;
      const blob = part.inlineData ?? part.inline_data;
      if (blob?.data) found.push({ data: blob.data, source: "inlineData" });
      if (!part.text) continue;
      const urls = [...part.text.matchAll(DATA_URL_RE)].map((m) => m[1]);
      for (const data of urls) found.push({ data, source: "text" });
      const rest = part.text
        .replace(DATA_URL_RE, "")
        .replace(/!\[[^\]]*\]\(\s*\)/g, "")
        .trim();
      if (rest) words.push(rest);
    }
  }
  return { found, words };
}

function quote(words: string[]): string {
  const said = words.join(" ").replace(/\s+/g, " ").trim();
  if (!said) return "";
  return `; the model said: "${said.length > MAX_QUOTE ? `${said.slice(0, MAX_QUOTE)}…` : said}"`;
}

/** Why there is no image: blocked prompt, blocked output, or the model declining. */
function noImageError(answer: GeminiAnswer, words: string[], ctx: AnswerContext): UpstreamError {
  const fb = answer.promptFeedback;
  if (fb?.blockReason) {
    const why = fb.blockReasonMessage ? `: ${fb.blockReasonMessage}` : "";
    return answerError(
      `Gemini blocked the prompt (blockReason ${fb.blockReason})${why}`,
      ctx,
      "upstream_moderation_blocked",
    );
  }
  const cand = answer.candidates?.[0];
  if (!cand) return answerError("Gemini answered with no candidates", ctx);
  const reason = cand.finishReason ?? "none";
  const detail = cand.finishMessage ? `: ${cand.finishMessage}` : "";
  if (BLOCKED.has(reason.toUpperCase())) {
    return answerError(
      `Gemini blocked the image (finishReason ${reason})${detail}`,
      ctx,
      "upstream_moderation_blocked",
    );
  }
  return answerError(`Gemini returned no image (finishReason ${reason})${detail}${quote(words)}`, ctx);
}

function toImage(f: Found): ProviderImage | Omit<ProviderFailure, "index"> {
  const bytes = decodeBase64(f.data);
  if (!bytes) return { code: "upstream_bad_response", message: `image data in ${f.source} is not base64` };
  const mimeType = sniffImageMime(bytes);
  if (!mimeType)
    return { code: "upstream_bad_response", message: `image data in ${f.source} is not PNG, JPEG or WebP` };
  return { bytes, mimeType, revisedPrompt: null };
}

/** Images kept, undecodable ones listed; when nothing usable came back, the run fails. */
export function collectResult(answer: GeminiAnswer, ctx: AnswerContext): CollectedResult {
  const { found, words } = collect(answer);
  if (found.length === 0) throw noImageError(answer, words, ctx);
  const images: ProviderImage[] = [];
  const failures: ProviderFailure[] = [];
  found.forEach((f, index) => {
    const out = toImage(f);
    if ("bytes" in out) images.push(out);
    else failures.push({ index, ...out });
  });
  if (images.length === 0) throw answerError(`no usable image in the Gemini answer: ${failures[0].message}`, ctx);
  const resolved: Record<string, string> = answer.modelVersion ? { model_version: answer.modelVersion } : {};
  return { images, failures, usage: answer.usageMetadata ?? null, resolved };
}
