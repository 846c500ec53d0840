import "server-only";
import { z } from "zod";
import { itemImageBytes, type ItemBytes } from "../download";
import { sniffImageMime } from "../image-bytes";
import { answerError, readAnswer } from "../kit/answer";
import type { AnswerContext, CollectedResult } from "../kit/run";
import type { ProviderFailure, ProviderImage } from "../types";
import { codeForArkCode } from "./upstream-errors";

/**
 * An Ark images answer (docs/upstreams.md §G.3), parsed rather than trusted:
 * `{model, created | created_at, data: [{b64_json | url, size} | {error: {code, message}}], usage}`.
 * An item's `error` is one image of a group that failed (e.g. OutputImageSensitiveContentDetected):
 * the other images are kept and the failure is reported. URLs are fetched at once (they expire in 24 h).
 */

const itemSchema = z.looseObject({
  b64_json: z.string().nullish(),
  url: z.string().nullish(),
  size: z.string().nullish(),
  error: z.looseObject({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }).nullish(),
});

const answerSchema = z.looseObject({
  model: z.string().nullish(),
  created: z.number().nullish(),
  created_at: z.number().nullish(),
  data: z.array(itemSchema).nullish(),
  usage: z.record(z.string(), z.unknown()).nullish(),
  error: z.unknown().optional(),
});

type Item = z.output<typeof itemSchema>;
export type ArkAnswer = z.output<typeof answerSchema> & { data: Item[] };
type Outcome = { image: ProviderImage; size: string | null } | { failure: Omit<ProviderFailure, "index"> };

const MAX_MESSAGE = 300;

/** Null when the body is only an error envelope (the caller maps it as an error). */
export function parseAnswerJson(text: string, ctx: AnswerContext): ArkAnswer | null {
  const data = readAnswer(text, answerSchema, ctx, {
    notJson: `Ark answered ${ctx.status} with a body that is not JSON`,
    notShape: "Ark answer is not an images response",
  });
  if (!data.data?.length) {
    if (data.error !== undefined) return null;
    throw answerError("Ark answer has no images (empty data)", ctx);
  }
  return { ...data, data: data.data };
}

function itemFailure(item: Item, ctx: AnswerContext): Omit<ProviderFailure, "index"> {
  const code = item.error?.code === undefined || item.error?.code === null ? null : String(item.error.code);
  const message = (item.error?.message ?? "no message").slice(0, MAX_MESSAGE);
  return {
    code: codeForArkCode(code) ?? "upstream_bad_response",
    message: ctx.redact(`${code ?? "error"}: ${message}`),
  };
}

function itemBytes(item: Item, ctx: AnswerContext): Promise<ItemBytes> {
  return itemImageBytes(item, ctx.config, ctx.signal, ctx.redact, "item has neither b64_json, url nor error");
}

async function toOutcome(item: Item, ctx: AnswerContext): Promise<Outcome> {
  if (item.error) return { failure: itemFailure(item, ctx) };
  const bytes = await itemBytes(item, ctx);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) return { failure: { code: "upstream_bad_response", message: "image data is not PNG, JPEG or WebP" } };
  return { image: { bytes, mimeType, revisedPrompt: null }, size: item.size ?? null };
}

/** Images kept, failed items listed (with their position in the group); when none is usable, the run fails. */
export async function collectResult(answer: ArkAnswer, ctx: AnswerContext): Promise<CollectedResult> {
  const outcomes = await Promise.all(answer.data.map((item) => toOutcome(item, ctx)));
  const images: ProviderImage[] = [];
  const failures: ProviderFailure[] = [];
  let size: string | null = null;
  outcomes.forEach((o, index) => {
    if ("image" in o) {
      images.push(o.image);
      size ??= o.size;
    } else {
      // In a group, say which image failed: "image 2 of 3: OutputImageSensitiveContentDetected: …".
      const where = answer.data.length > 1 ? `image ${index + 1} of ${answer.data.length}: ` : "";
      failures.push({ index, code: o.failure.code, message: `${where}${o.failure.message}` });
    }
  });
  if (images.length === 0) {
    const first = failures[0];
    const more = failures.length > 1 ? ` (all ${failures.length} images failed)` : "";
    throw answerError(`no usable image in the Ark answer: ${first.message}${more}`, ctx, first.code);
  }
  const resolved: Record<string, string> = size ? { size } : {};
  return { images, failures, usage: answer.usage ?? null, resolved };
}
