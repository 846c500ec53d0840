// Pixel loops of the local cutout on raw RGBA / single-channel buffers. Pure, plain JS with no imports:
// the same functions run in the worker pool (pixel.worker.mjs) and in-process (its fallback), so both
// give byte-identical results. Types: pixel-ops.d.mts.

/** Median colour of the border pixels (robust to a product touching one edge). */
export function borderColour(rgba, w, h) {
  const rs = [];
  const gs = [];
  const bs = [];
  const take = (x, y) => {
    const i = (y * w + x) * 4;
    rs.push(rgba[i]);
    gs.push(rgba[i + 1]);
    bs.push(rgba[i + 2]);
  };
  for (let x = 0; x < w; x++) {
    take(x, 0);
    take(x, h - 1);
  }
  for (let y = 1; y < h - 1; y++) {
    take(0, y);
    take(w - 1, y);
  }
  const median = (a) => a.sort((p, q) => p - q)[a.length >> 1];
  return [median(rs), median(gs), median(bs)];
}

/**
 * Background = pixels connected to the border whose colour is within `threshold` (max channel
 * difference) of `bg`, or already transparent. Iterative fill with a typed stack: no recursion.
 */
export function floodBackground(rgba, w, h, bg, threshold) {
  const n = w * h;
  const out = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const near = (p) => {
    const i = p * 4;
    if (rgba[i + 3] < 16) return true;
    return (
      Math.max(Math.abs(rgba[i] - bg[0]), Math.abs(rgba[i + 1] - bg[1]), Math.abs(rgba[i + 2] - bg[2])) <= threshold
    );
  };
  const seed = (p) => {
    if (!out[p] && near(p)) {
      out[p] = 1;
      stack[top++] = p;
    }
  };
  for (let x = 0; x < w; x++) {
    seed(x);
    seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    seed(y * w);
    seed(y * w + w - 1);
  }
  while (top > 0) {
    const p = stack[--top];
    const x = p % w;
    if (x > 0) seed(p - 1);
    if (x < w - 1) seed(p + 1);
    if (p >= w) seed(p - w);
    if (p < n - w) seed(p + w);
  }
  return out;
}

/**
 * The product's alpha before edge shaping, written into `mask` (w × h): 0 where the border-connected
 * background is, else the pixel's own alpha. Answers whether some pixel is not background.
 */
export function cutoutMask(rgba, w, h, threshold, mask) {
  const isBg = floodBackground(rgba, w, h, borderColour(rgba, w, h), threshold);
  let any = false;
  for (let i = 0; i < w * h; i++) {
    const a = isBg[i] ? 0 : rgba[i * 4 + 3];
    mask[i] = a;
    if (a > 0) any = true;
  }
  return any;
}

/** `n` bytes over a SharedArrayBuffer, every page written once (by whoever calls this). */
export function sharedBytes(n) {
  const out = new Uint8Array(new SharedArrayBuffer(n));
  for (let i = 0; i < n; i += 4096) out[i] = 0;
  return out;
}

/** Write `alpha` (one byte a pixel) into the alpha channel of `rgba`, in place. */
export function applyAlpha(rgba, alpha) {
  for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i];
}
