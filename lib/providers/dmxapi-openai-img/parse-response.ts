import "server-only";
import { z } from "zod";
import type { UpstreamErrorCode } from "@/lib/errors";
import { UpstreamError } from "@/lib/errors";
import type { ProviderFailure, ProviderImage } from "../types";
import { itemImageBytes, type ItemBytes } from "../download";
import { sniffImageMime } from "../image-bytes";
import { readAnswer } from "../kit/answer";
import type { AnswerContext, CollectedResult } from "../kit/run";

/**
 * `ImagesResponse` (docs/upstreams.md §C.1), parsed rather than trusted. Each item carries `b64_json`
 * or a `url` (DALL·E, and some gateways even for GPT image); URLs are fetched at once (they expire).
 */

const itemSchema = z.looseObject({
  b64_json: z.string().nullish(),
  url: z.string().nullish(),
  revised_prompt: z.string().nullish(),
});

const answerSchema = z.looseObject({
  created: z.number().optional(),
  data: z.array(itemSchema).min(1),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  background: z.string().nullish(),
  output_format: z.string().nullish(),
  usage: z.record(z.string(), z.unknown()).nullish(),
});

type Item = z.output<typeof itemSchema>;
type Answer = z.output<typeof answerSchema>;
type ItemOutcome = { image: ProviderImage } | { failure: Omit<ProviderFailure, "index"> };

const RESOLVED_FIELDS = ["size", "quality", "background", "output_format"] as const;

export type OpenAiAnswer = Answer;

export function parseAnswerJson(text: string, ctx: AnswerContext): Answer {
  const data = readAnswer(text, answerSchema, ctx, {
    notJson: `upstream answered ${ctx.status} with a body that is not JSON`,
    notShape: "upstream answer is not an image response",
  });
  return data;
}

function itemBytes(item: Item, ctx: AnswerContext): Promise<ItemBytes> {
  return itemImageBytes(item, ctx.config, ctx.signal, ctx.redact);
}

async function toImage(item: Item, ctx: AnswerContext): Promise<ItemOutcome> {
  const bytes = await itemBytes(item, ctx);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) return { failure: { code: "upstream_bad_response", message: "image data is not PNG, JPEG or WebP" } };
  return { image: { bytes, mimeType, revisedPrompt: item.revised_prompt ?? null } };
}

/** Images kept, failed items listed; when nothing usable came back, the run fails. */
export async function collectResult(answer: Answer, ctx: AnswerContext): Promise<CollectedResult> {
  const outcomes = await Promise.all(answer.data.map((item) => toImage(item, ctx)));
  const images: ProviderImage[] = [];
  const failures: ProviderFailure[] = [];
  outcomes.forEach((o, index) => ("image" in o ? images.push(o.image) : failures.push({ index, ...o.failure })));
  if (images.length === 0) {
    const first = failures[0];
    const code: UpstreamErrorCode = first?.code ?? "upstream_bad_response";
    throw new UpstreamError(code, `no usable image in the answer: ${first?.message ?? "empty"}`, {
      requestId: ctx.requestId,
      vendorRequestId: ctx.vendorRequestId,
      httpStatus: ctx.status,
    });
  }
  const resolved: Record<string, string> = {};
  for (const f of RESOLVED_FIELDS) {
    const v = answer[f];
    if (typeof v === "string") resolved[f] = v;
  }
  return { images, failures, usage: answer.usage ?? null, resolved };
}
