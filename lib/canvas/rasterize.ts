import type { Stroke } from "./mask-history";

/**
 * Paint strokes into a coverage buffer at the source image's own size: 1 = painted (to be edited),
 * 0 = keep. Round caps and joins, like the canvas preview; eraser strokes set coverage back to 0.
 * Each segment fills only its bounding box, so cost follows the painted area, not the image size.
 */
export function rasterizeCoverage(strokes: readonly Stroke[], width: number, height: number): Uint8Array {
  const cov = new Uint8Array(width * height);
  for (const s of strokes) {
    const value = s.tool === "brush" ? 1 : 0;
    const r = s.size / 2;
    const p = s.points;
    if (p.length === 2) fillCapsule(cov, width, height, p[0], p[1], p[0], p[1], r, value);
    for (let i = 2; i < p.length; i += 2) fillCapsule(cov, width, height, p[i - 2], p[i - 1], p[i], p[i + 1], r, value);
  }
  return cov;
}

/** Every pixel whose centre lies within `r` of the segment (x0,y0)–(x1,y1). */
function fillCapsule(
  cov: Uint8Array,
  w: number,
  h: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
  value: number,
): void {
  const minX = Math.max(0, Math.floor(Math.min(x0, x1) - r));
  const maxX = Math.min(w - 1, Math.ceil(Math.max(x0, x1) + r));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1) - r));
  const maxY = Math.min(h - 1, Math.ceil(Math.max(y0, y1) + r));
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const r2 = r * r;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5 - y0;
    const row = y * w;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5 - x0;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
      const ex = px - t * dx;
      const ey = py - t * dy;
      if (ex * ex + ey * ey <= r2) cov[row + x] = value;
    }
  }
}

/**
 * RGBA pixels of the upstream's mask convention: painted pixels fully transparent (alpha 0), the rest
 * opaque black. Encode as PNG (canvas.toBlob in the browser, sharp on the server).
 */
export function maskRgba(strokes: readonly Stroke[], width: number, height: number): Uint8ClampedArray {
  const cov = rasterizeCoverage(strokes, width, height);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < cov.length; i++) rgba[i * 4 + 3] = cov[i] ? 0 : 255;
  return rgba;
}

/** True when at least one pixel would be edited. */
export function hasPaint(strokes: readonly Stroke[], width: number, height: number): boolean {
  return rasterizeCoverage(strokes, width, height).includes(1);
}
