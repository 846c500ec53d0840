import "server-only";
import sharp, { type Sharp } from "sharp";
import { Lru } from "./lru";
import { tintOffThread } from "./tint";

export type OutFormat = "png" | "jpeg" | "webp";

export interface RenderSpec {
  width: number;
  height: number;
  /** The prompt: its hash picks the hue, so the same prompt always looks the same. */
  seed: string;
  /** Index within a group (n > 1): shifts the hue so the images of one answer differ. */
  variant: number;
  transparent: boolean;
  format: OutFormat;
  /** 1..100 for jpeg / webp (`output_compression`). */
  quality?: number;
  /** Second line on the product label, e.g. the size. */
  caption?: string;
  /** Ark's bottom-right "AI generated" mark. */
  watermark?: boolean;
}

// Rendered placeholders repeat a lot in tests and benches (same prompt, same size): keep a few.
const cache = new Lru<Buffer>(48, 96 * 1024 * 1024, (b) => b.byteLength);

export function hueOf(seed: string, variant = 0): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return (h + variant * 47) % 360;
}

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function watermarkSvg(w: number, h: number): string {
  const fs = Math.max(10, Math.round(Math.min(w, h) * 0.028));
  return `<text x="${w - fs}" y="${h - fs}" text-anchor="end" font-family="DejaVu Sans" font-size="${fs}" fill="rgba(255,255,255,0.8)" stroke="rgba(0,0,0,0.35)" stroke-width="${fs / 20}">AI generated</text>`;
}

/** The "product": a rounded body with a cap, carrying the SIMULATED label so it stays opaque on transparent output. */
function productSvg(w: number, h: number, hue: number, title: string, caption: string): string {
  const s = Math.min(w, h);
  const bw = s * 0.38;
  const bh = s * 0.5;
  const x = w / 2 - bw / 2;
  const y = h / 2 - bh / 2 + s * 0.04;
  const body = `hsl(${(hue + 180) % 360},45%,32%)`;
  const fs = Math.max(8, s * 0.045);
  return [
    `<rect x="${w / 2 - bw * 0.22}" y="${y - s * 0.07}" width="${bw * 0.44}" height="${s * 0.09}" rx="${s * 0.015}" fill="hsl(${(hue + 180) % 360},30%,22%)"/>`,
    `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" rx="${s * 0.06}" fill="${body}"/>`,
    `<rect x="${x}" y="${y + bh * 0.36}" width="${bw}" height="${bh * 0.3}" fill="hsl(${hue},35%,92%)"/>`,
    `<text x="${w / 2}" y="${y + bh * 0.36 + bh * 0.14}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${fs}" fill="hsl(${(hue + 180) % 360},45%,25%)">${esc(title)}</text>`,
    `<text x="${w / 2}" y="${y + bh * 0.36 + bh * 0.24}" text-anchor="middle" font-family="DejaVu Sans" font-size="${fs * 0.6}" fill="hsl(${(hue + 180) % 360},25%,35%)">${esc(caption)}</text>`,
  ].join("");
}

function placeholderSvg(spec: RenderSpec): string {
  const { width: w, height: h, transparent } = spec;
  const hue = hueOf(spec.seed, spec.variant);
  const s = Math.min(w, h);
  const bg = transparent
    ? ""
    : `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,86%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},45%,60%)"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/>` +
      `<ellipse cx="${w / 2}" cy="${h / 2 + s * 0.3}" rx="${s * 0.26}" ry="${s * 0.035}" fill="rgba(0,0,0,0.18)"/>`;
  const product = productSvg(w, h, hue, "SIMULATED", spec.caption ?? `${w}x${h}`);
  const mark = spec.watermark ? watermarkSvg(w, h) : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${bg}${product}${mark}</svg>`;
}

/**
 * Encodes fast: these are placeholders, so PNG uses light compression and WebP the lowest effort.
 * Opaque output drops the alpha channel, as real opaque answers have none.
 */
export function encode(img: Sharp, format: OutFormat, opaque: boolean, quality?: number): Promise<Buffer> {
  const q = Math.min(100, Math.max(1, quality ?? 90));
  if (opaque || format === "jpeg") img = img.flatten({ background: "#ffffff" }).removeAlpha();
  if (format === "jpeg") return img.jpeg({ quality: q }).toBuffer();
  if (format === "webp") return img.webp({ quality: q, effort: 0 }).toBuffer();
  return img.png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer();
}

/** A deliberate-looking placeholder at exactly `width`x`height`, with alpha only when transparent. */
export async function renderImage(spec: RenderSpec): Promise<Buffer> {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const out = await encode(sharp(Buffer.from(placeholderSvg(spec))), spec.format, !spec.transparent, spec.quality);
  cache.set(key, out);
  return out;
}

function hslToRgb(hue: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** An edit result: the first input image covered to the output size, tinted, labelled. */
export async function renderEdit(spec: RenderSpec, source: Uint8Array, mask?: Uint8Array): Promise<Buffer> {
  const { width: w, height: h } = spec;
  const base = await sharp(source).rotate().resize(w, h, { fit: "cover" }).ensureAlpha().raw().toBuffer();
  const maskAlpha = mask
    ? await sharp(mask).resize(w, h, { fit: "cover" }).ensureAlpha().extractChannel(3).raw().toBuffer()
    : null;
  // Tints the edited region so an edit looks like an edit: the mask's fully transparent pixels (the area to
  // edit, §B.2) or, without a mask, the whole image lightly; transparent output drops the background.
  const rgb = hslToRgb(hueOf(spec.seed, spec.variant), 0.75, 0.5);
  const tinted = await tintOffThread({ px: base, maskAlpha, rgb, transparent: spec.transparent });
  const s = Math.min(w, h);
  const fs = Math.max(8, Math.round(s * 0.035));
  const text = `SIMULATED EDIT · ${w}x${h}`;
  const label =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<rect x="${fs * 0.6}" y="${h - fs * 2.4}" width="${fs * (text.length * 0.64 + 1)}" height="${fs * 1.8}" rx="${fs * 0.4}" fill="rgba(0,0,0,0.55)"/>` +
    `<text x="${fs * 1.1}" y="${h - fs * 1.1}" font-family="DejaVu Sans" font-weight="bold" font-size="${fs}" fill="#fff">${text}</text>` +
    `${spec.watermark ? watermarkSvg(w, h) : ""}</svg>`;
  const img = sharp(tinted, { raw: { width: w, height: h, channels: 4 } }).composite([{ input: Buffer.from(label) }]);
  return encode(img, spec.format, !spec.transparent, spec.quality);
}

/**
 * Partial image `index` of `count` for a streamed answer (§C.2): the final image at full size, rendered from a
 * thumbnail that grows with each step, so earlier partials look coarser — a stand-in for a model refining.
 */
export async function renderPartial(final: Buffer, index: number, count: number, spec: RenderSpec): Promise<Buffer> {
  const { width: w, height: h } = spec;
  const k = 2 ** (count - index + 2); // 3 partials: 1/32, 1/16, 1/8 of the edges
  const small = await sharp(final)
    .resize(Math.max(4, Math.round(w / k)), Math.max(4, Math.round(h / k)))
    .png()
    .toBuffer();
  return encode(sharp(small).resize(w, h, { kernel: "cubic" }), spec.format, !spec.transparent, spec.quality);
}
