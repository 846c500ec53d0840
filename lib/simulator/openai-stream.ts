import "server-only";
import type { RouteContext } from "./context";
import { truncateBase64 } from "./image-input";
import { imageUsage, type AnswerPlan } from "./openai-plan";
import type { OpenAIParams } from "./openai-params";
import { renderPartial } from "./render";
import { nowSeconds } from "./respond";
import { sseResponse, type SseWriter } from "./sse";
import type { FaultKind } from "./types";

/** The mid-stream failure (`stream_error`): an `error` event, as the SDK raises on any `error` payload (§C.2). */
function sendStreamError(w: SseWriter): void {
  const error = {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    param: null,
    code: "server_error",
  };
  // new-api relays stream chunks as they come, so no "(request id: …)" is appended here.
  w.send({ event: "error", data: JSON.stringify({ type: "error", error }) });
}

/**
 * `stream: true` on generations or edits (§C.2): `partial_image` events, then `completed` with usage, then
 * `data: [DONE]`, spread over the simulated latency so a client sees the partials before the final image.
 * `size`, `quality` and `background` carry the requested values (possibly `auto`), as OpenAI's events may.
 * A failure before the first event (validation, moderation) stays a plain JSON error.
 */
export async function streamImages(
  ctx: RouteContext,
  p: OpenAIParams,
  plan: AnswerPlan,
  fault: FaultKind | null,
): Promise<Response> {
  const final = await plan.render(0);
  const prefix = p.op === "generate" ? "image_generation" : "image_edit";
  const fields = {
    created_at: nowSeconds(),
    size: p.size ?? "auto",
    quality: p.quality,
    background: p.background,
    output_format: p.outputFormat,
  };
  const spec = {
    width: plan.width,
    height: plan.height,
    seed: p.prompt,
    variant: 0,
    transparent: p.background === "transparent",
    format: p.outputFormat,
    quality: p.compression,
  };
  const step = ctx.latency(1) / (p.partialImages + 1);
  return sseResponse(ctx.ids, ctx.signal, async (w) => {
    for (let i = 0; i < p.partialImages; i++) {
      await w.wait(step);
      const b64_json = (await renderPartial(final, i, p.partialImages, spec)).toString("base64");
      w.send({
        event: `${prefix}.partial_image`,
        data: JSON.stringify({ type: `${prefix}.partial_image`, b64_json, partial_image_index: i, ...fields }),
      });
      if (fault === "stream_error") return sendStreamError(w);
    }
    await w.wait(step);
    if (fault === "stream_error") return sendStreamError(w);
    const b64 = final.toString("base64");
    const quality = p.quality === "auto" ? "medium" : p.quality;
    const completed = JSON.stringify({
      type: `${prefix}.completed`,
      b64_json: fault === "truncated_base64" ? truncateBase64(b64) : b64,
      ...fields,
      usage: imageUsage(p, plan, quality),
    });
    // `invalid_json`: the connection is cut inside the completed event; no [DONE] follows.
    if (fault === "invalid_json") return w.send({ event: `${prefix}.completed`, data: completed.slice(0, 120) });
    w.send({ event: `${prefix}.completed`, data: completed });
    w.send({ data: "[DONE]" });
  });
}
