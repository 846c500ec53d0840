import "server-only";
import { Worker } from "node:worker_threads";

/**
 * The per-pixel pass of a simulated edit, on a worker thread: a 3840×2160 output is ~8 M pixels, about 100 ms of
 * JavaScript that would otherwise stall every request of the process (the simulator runs inside the studio).
 * sharp has no operation for "near the corner's colour", so the loop stays a loop, off the event loop.
 *
 * The worker is evaluated from source (no separate file for the bundler to find), created on first use, kept
 * while it is busy and unref'd while idle so it never holds a process open; a crash fails the pending tints and
 * the next call starts a new one.
 */

export interface TintJob {
  /** RGBA, width × height × 4. */
  px: Uint8Array;
  /** The mask's alpha, width × height, or null (no mask: the whole image lightly). */
  maskAlpha: Uint8Array | null;
  rgb: [number, number, number];
  /** Transparent output: the background (near-white, or near the top-left corner's colour) gets alpha 0. */
  transparent: boolean;
}

// Plain CommonJS for `eval: true`. Near-white, or close to the top-left corner's colour, is what a cutout model
// would call background; it is judged on the source pixel, before the tint moves it. Mask: its fully
// transparent pixels are the area to edit (§B.2), tinted 60 %; no mask: everything, 22 %.
const SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, px, maskAlpha, rgb, transparent }) => {
  try {
    const [tr, tg, tb] = rgb;
    const cr = px[0], cg = px[1], cb = px[2];
    for (let i = 0, p = 0; p < px.length; i++, p += 4) {
      if (
        transparent &&
        ((px[p] > 230 && px[p + 1] > 230 && px[p + 2] > 230) ||
          Math.abs(px[p] - cr) + Math.abs(px[p + 1] - cg) + Math.abs(px[p + 2] - cb) < 40)
      )
        px[p + 3] = 0;
      const strength = maskAlpha ? (maskAlpha[i] < 128 ? 0.6 : 0) : 0.22;
      if (strength > 0) {
        px[p] = px[p] * (1 - strength) + tr * strength;
        px[p + 1] = px[p + 1] * (1 - strength) + tg * strength;
        px[p + 2] = px[p + 2] * (1 - strength) + tb * strength;
      }
    }
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message ? e.message : e) });
  }
});
`;

type Pending = { px: Uint8Array; resolve: (px: Uint8Array) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function failAll(err: Error): void {
  worker = null;
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function tintWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true });
  w.on("message", (m: { id: number; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.error === undefined) p.resolve(p.px);
    else p.reject(new Error(`tint worker: ${m.error}`));
  });
  w.on("error", (e) => {
    if (worker === w) failAll(e);
  });
  w.on("exit", (code) => {
    if (worker === w) failAll(new Error(`tint worker exited with code ${code}`));
  });
  worker = w;
  return w;
}

/** A copy in shared memory: the worker works on it in place, and nothing is copied back. */
function shared(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

/**
 * Tints a copy of `job.px` on the worker and answers it (backed by a SharedArrayBuffer; sharp reads it as it
 * reads any buffer). The main thread only copies the pixels in: a few ms where the loop took ~100.
 */
export function tintOffThread(job: TintJob): Promise<Uint8Array> {
  const w = tintWorker();
  const id = nextId++;
  const px = shared(job.px);
  const maskAlpha = job.maskAlpha ? shared(job.maskAlpha) : null;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { px, resolve, reject });
    w.ref();
    w.postMessage({ id, px, maskAlpha, rgb: job.rgb, transparent: job.transparent });
  });
}
