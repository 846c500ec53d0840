import "server-only";
import sharp, { type Sharp } from "sharp";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { runPixelOp, sharedBuffer, sharedCopy } from "@/lib/workers/pool";

/** Isomorphic-friendly schema (the cutout panel shows the same ranges). */
export const localCutoutParamsSchema = z.strictObject({
  /** How far (0–100 % of the channel range) a pixel may differ from the background colour and still be background. */
  tolerance: z.number().min(0).max(100).default(20),
  /** Edge softness: Gaussian blur sigma of the alpha edge, in pixels. */
  feather: z.number().min(0).max(20).default(1),
  /** Grow (>0) or shrink (<0) the product's outline, in pixels. */
  grow: z.number().int().min(-20).max(20).default(0),
  /** `white`: the product on pure white (marketplace main images) instead of transparency. */
  background: z.enum(["transparent", "white"]).default("transparent"),
  /** Place the product centred on a canvas of this size, with `padding` % margin on each side. */
  canvas: z
    .strictObject({
      width: z.number().int().min(64).max(4096),
      height: z.number().int().min(64).max(4096),
      padding: z.number().min(0).max(40).default(8),
    })
    .optional(),
});

export type LocalCutoutParams = z.infer<typeof localCutoutParamsSchema>;

/**
 * Background removal for product photos on plain backgrounds:
 * 1. estimate the background colour from the image border;
 * 2. flood-fill from the edges through pixels within `tolerance` of it — only background connected to
 *    the border goes, so white parts inside the product stay;
 * 3. grow/shrink the outline, feather the edge;
 * 4. PNG with alpha, or flattened on white, optionally centred on a marketplace canvas.
 */
export async function localCutout(input: Uint8Array, p: LocalCutoutParams): Promise<Buffer> {
  const { data, info } = await sharp(input).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  // The JS pixel loops (flood fill, alpha) run in the worker pool, on shared copies of the pixels.
  const rgba = await sharedCopy(data);
  const mask = await sharedBuffer(w * h);
  const threshold = Math.round(p.tolerance * 2.55);
  if (!(await runPixelOp("cutoutMask", { rgba, w, h, threshold, mask })))
    throw new AppError("invalid_request", "No product found: everything matched the background. Lower the tolerance.", {
      param: "tolerance",
    });
  const shaped = await shapeEdge(mask, w, h, p);
  // sharp's answer is not shared (a message would copy it): into the shared mask, done with by now.
  if (shaped !== mask) mask.set(shaped);
  await runPixelOp("applyAlpha", { rgba, alpha: mask });
  let img = sharp(rgba, { raw: { width: w, height: h, channels: 4 } });
  if (p.canvas) img = await onCanvas(img, p.canvas, p.background);
  if (p.background === "white") img = img.flatten({ background: "#ffffff" });
  return img.png().toBuffer();
}

/** Grow/shrink the outline (sharp's morphology) and feather it (Gaussian blur of the alpha). */
async function shapeEdge(mask: Buffer, w: number, h: number, p: LocalCutoutParams): Promise<Buffer> {
  if (p.grow === 0 && p.feather === 0) return mask;
  const raw = { raw: { width: w, height: h, channels: 1 as const } };
  // libvips' morphology treats dark pixels as the foreground: growing the opaque (white) alpha is an
  // erode, shrinking it a dilate. Each step is materialized: sharp applies operations in its own order.
  let buf = mask;
  if (p.grow > 0) buf = await sharp(buf, raw).erode(p.grow).extractChannel(0).raw().toBuffer();
  if (p.grow < 0) buf = await sharp(buf, raw).dilate(-p.grow).extractChannel(0).raw().toBuffer();
  if (p.feather > 0) buf = await sharp(buf, raw).blur(Math.max(0.3, p.feather)).extractChannel(0).raw().toBuffer();
  return buf;
}

/** Trim to the product, fit it inside the canvas minus padding, centre it. */
async function onCanvas(
  img: Sharp,
  c: NonNullable<LocalCutoutParams["canvas"]>,
  background: LocalCutoutParams["background"],
): Promise<Sharp> {
  const trimmed = await sharp(await img.png().toBuffer())
    .trim({ background: { r: 0, g: 0, b: 0, alpha: 0 }, threshold: 1 })
    .toBuffer();
  const innerW = Math.max(1, Math.round(c.width * (1 - (2 * c.padding) / 100)));
  const innerH = Math.max(1, Math.round(c.height * (1 - (2 * c.padding) / 100)));
  const fitted = await sharp(trimmed).resize(innerW, innerH, { fit: "inside" }).toBuffer({ resolveWithObject: true });
  const fill = background === "white" ? { r: 255, g: 255, b: 255, alpha: 1 } : { r: 0, g: 0, b: 0, alpha: 0 };
  const left = Math.floor((c.width - fitted.info.width) / 2);
  const top = Math.floor((c.height - fitted.info.height) / 2);
  return sharp({ create: { width: c.width, height: c.height, channels: 4, background: fill } }).composite([
    { input: fitted.data, left, top },
  ]);
}
