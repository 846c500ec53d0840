// Worker entry of the pixel pool (pool.ts): runs one op of pixel-ops.mjs per message. Plain .mjs so
// Node loads it as is (vitest, tsx) and Turbopack bundles it as a worker_threads entry.
import { parentPort } from "node:worker_threads";
import { applyAlpha, cutoutMask, sharedBytes } from "./pixel-ops.mjs";

const OPS = {
  /** A shared buffer whose pages this thread touched: the first-touch cost stays off the event loop. */
  sharedBytes: ({ n }) => sharedBytes(n),
  /** Writes into the shared `mask`. */
  cutoutMask: ({ rgba, w, h, threshold, mask }) => cutoutMask(rgba, w, h, threshold, mask),
  /** Writes into the shared `rgba`. */
  applyAlpha: ({ rgba, alpha }) => (applyAlpha(rgba, alpha), null),
};

parentPort.on("message", ({ id, op, args }) => {
  try {
    parentPort.postMessage({ id, ok: true, result: OPS[op](args) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});

parentPort.postMessage({ ready: true });
