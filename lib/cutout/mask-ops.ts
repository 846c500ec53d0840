/** Pixel operations of the local cutout on raw RGBA / single-channel buffers. Pure. */

export type Rgb = [number, number, number];

/** Median colour of the border pixels (robust to a product touching one edge). */
export function borderColour(rgba: Uint8Array, w: number, h: number): Rgb {
  const rs: number[] = [];
  const gs: number[] = [];
  const bs: number[] = [];
  const take = (x: number, y: number) => {
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
  const median = (a: number[]) => a.sort((p, q) => p - q)[a.length >> 1];
  return [median(rs), median(gs), median(bs)];
}

/**
 * Background = pixels connected to the border whose colour is within `threshold` (max channel
 * difference) of `bg`, or already transparent. Iterative fill with a typed stack: no recursion.
 */
export function floodBackground(rgba: Uint8Array, w: number, h: number, bg: Rgb, threshold: number): Uint8Array {
  const n = w * h;
  const out = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const near = (p: number) => {
    const i = p * 4;
    if (rgba[i + 3] < 16) return true;
    return (
      Math.max(Math.abs(rgba[i] - bg[0]), Math.abs(rgba[i + 1] - bg[1]), Math.abs(rgba[i + 2] - bg[2])) <= threshold
    );
  };
  const seed = (p: number) => {
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
