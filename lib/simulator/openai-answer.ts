import "server-only";
import { jsonResponse } from "./http";
import type { RouteContext } from "./context";
import { openaiModerationError } from "./fault-errors";
import { truncateBase64 } from "./image-input";
import { imageUsage, type AnswerPlan } from "./openai-plan";
import type { OpenAIParams } from "./openai-params";
import { streamImages } from "./openai-stream";
import { invalidJsonResponse, nowSeconds, renderAll } from "./respond";
import type { FaultKind } from "./types";

/** The dall-e-3 rewrite (§A.1 note 8): visibly the prompt, visibly rewritten. */
const revise = (prompt: string) => `${prompt}, rendered as a detailed studio photograph`;

/**
 * The `ImagesResponse` of §C.1 for generations and edits alike: gpt-image answers base64 with the
 * resolved settings and usage; dall-e answers a URL (served by us) or base64, plus revised_prompt for dall-e-3.
 */
export async function answerImages(ctx: RouteContext, p: OpenAIParams, plan: AnswerPlan): Promise<Response> {
  const kinds: FaultKind[] = ["moderation", "invalid_json", "truncated_base64"];
  // Only a streamed answer can fail mid-way: other requests leave a stream_error rule armed.
  const fault = ctx.outputFault(p.stream ? [...kinds, "stream_error"] : kinds, p.model);
  if (fault === "moderation") throw openaiModerationError(p.model);
  if (p.stream) return streamImages(ctx, p, plan, fault);
  await ctx.process(p.n);
  if (fault === "invalid_json") return invalidJsonResponse(ctx.ids);
  const images = await renderAll(p.n, ctx.signal, plan.render);
  const b64 = (buf: Buffer) =>
    fault === "truncated_base64" ? truncateBase64(buf.toString("base64")) : buf.toString("base64");
  const created = nowSeconds();
  if (p.spec.family === "dall-e") {
    const data = images.map((buf) => {
      const item: Record<string, string> =
        p.responseFormat === "b64_json"
          ? { b64_json: b64(buf) }
          : {
              url: ctx.files.put(
                ctx.base,
                fault === "truncated_base64" ? buf.subarray(0, Math.floor(buf.length * 0.4)) : buf,
                "png",
              ),
            };
      if (p.model === "dall-e-3") item.revised_prompt = revise(p.prompt);
      return item;
    });
    return jsonResponse(ctx.ids, 200, { created, data });
  }
  const quality = p.quality === "auto" ? "medium" : p.quality;
  return jsonResponse(ctx.ids, 200, {
    created,
    background: p.background === "transparent" ? "transparent" : "opaque",
    data: images.map((buf) => ({ b64_json: b64(buf) })),
    output_format: p.outputFormat,
    quality,
    size: `${plan.width}x${plan.height}`,
    usage: imageUsage(p, plan, quality),
  });
}
