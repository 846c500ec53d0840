import "server-only";
import { readArkRequest, type ArkRequest } from "./ark-request";
import type { RouteContext } from "./context";
import { jsonResponse } from "./http";
import { truncateBase64 } from "./image-input";
import { renderEdit, renderImage } from "./render";
import { invalidJsonResponse, nowSeconds, renderAll } from "./respond";

const SENSITIVE = {
  code: "OutputImageSensitiveContentDetected",
  message: "The request failed because the output image may contain sensitive information.",
};

function renderOne(req: ArkRequest, i: number): Promise<Buffer> {
  const spec = {
    width: req.width,
    height: req.height,
    seed: req.prompt,
    variant: i,
    transparent: false,
    format: "jpeg" as const,
    watermark: req.watermark,
  };
  const first = req.refs[0];
  // libvips cannot read BMP, so a BMP reference gets a fresh placeholder instead of an edit.
  return first && first.info.format !== "bmp" ? renderEdit(spec, first.bytes) : renderImage(spec);
}

/** Which images of the group fail: all of them (moderation) or the second one (partial_failure). */
function failedIndexes(fault: string | null, count: number): Set<number> {
  if (fault === "moderation") return new Set(Array.from({ length: count }, (_, i) => i));
  if (fault === "partial_failure") return new Set([Math.min(1, count - 1)]);
  return new Set();
}

// POST /api/v3/images/generations – Volcengine Ark Seedream / SeedEdit (§G)
export async function handleArk(ctx: RouteContext): Promise<Response> {
  const req = await readArkRequest(ctx);
  const fault = ctx.outputFault(
    ["moderation", "partial_failure", "short_group", "invalid_json", "truncated_base64"],
    req.model,
  );
  // Real Seedream decides a group's size itself, up to max_images: `short_group` makes one fewer.
  const count = fault === "short_group" && req.group ? Math.max(1, req.count - 1) : req.count;
  await ctx.process(count + req.refs.length);
  if (fault === "invalid_json") return invalidJsonResponse(ctx.ids);
  const failed = failedIndexes(fault, count);
  const images = await renderAll(count, ctx.signal, (i) => (failed.has(i) ? Promise.resolve(null) : renderOne(req, i)));
  const size = `${req.width}x${req.height}`;
  const data = images.map((buf) => {
    if (!buf) return { error: SENSITIVE };
    if (req.responseFormat === "b64_json") {
      const b64 = buf.toString("base64");
      return { b64_json: fault === "truncated_base64" ? truncateBase64(b64) : b64, size };
    }
    const bytes = fault === "truncated_base64" ? buf.subarray(0, Math.floor(buf.length * 0.4)) : buf;
    return { url: ctx.files.put(ctx.base, bytes, "jpeg"), size };
  });
  const generated = images.filter(Boolean).length;
  // Seedream bills by output pixels: one token per 256 pixels.
  const outputTokens = Math.round((generated * req.width * req.height) / 256);
  return jsonResponse(ctx.ids, 200, {
    model: req.model,
    created: nowSeconds(),
    data,
    usage: { generated_images: generated, output_tokens: outputTokens, total_tokens: outputTokens },
  });
}
