import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import * as local from "./pixel-ops.mjs";

/**
 * A small pool of worker threads for pixel loops in JS (the local cutout's flood fill and alpha
 * passes): a 6000² cutout blocked the event loop ~1.7 s in-process. sharp's own operations already run
 * on libuv's thread pool and stay where they are.
 *
 * Bare `worker_threads`, not piscina: Turbopack bundles a worker only when it sees
 * `new Worker(new URL("./x.mjs", import.meta.url))` from node:worker_threads; piscina takes the file
 * name as an option it opens itself, which the bundle would not carry. The entry is plain `.mjs` so
 * Node runs it as is under vitest and tsx. If a worker cannot start (a bundle without the file, a
 * sandbox without threads), the ops run in-process — same code (pixel-ops.mjs), same bytes — and that
 * is logged once.
 *
 * Pixel buffers are shared (SharedArrayBuffer, allocated and first touched by a worker: see
 * `sharedCopy`); ops read and write them in place, nothing large is copied through messages.
 */

export interface PixelOps {
  sharedBytes: { args: { n: number }; result: Uint8Array };
  cutoutMask: {
    args: { rgba: Uint8Array; w: number; h: number; threshold: number; mask: Uint8Array };
    result: boolean;
  };
  applyAlpha: { args: { rgba: Uint8Array; alpha: Uint8Array }; result: null };
}
type Op = keyof PixelOps;

const IN_PROCESS: { [K in Op]: (a: PixelOps[K]["args"]) => PixelOps[K]["result"] } = {
  sharedBytes: (a) => new Uint8Array(new SharedArrayBuffer(a.n)),
  cutoutMask: (a) => local.cutoutMask(a.rgba, a.w, a.h, a.threshold, a.mask),
  applyAlpha: (a) => (local.applyAlpha(a.rgba, a.alpha), null),
};

interface Task {
  id: number;
  op: Op;
  args: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  gone: boolean;
}

const POOL_SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));

/**
 * The worker entry, spelled exactly `new Worker(new URL("./…", import.meta.url))`: the one form Turbopack
 * bundles as a worker. A `new URL(…, import.meta.url)` anywhere else is a dynamic file reference that makes
 * `next build` trace (and fail on) the whole project.
 */
const bundledWorker = () => new Worker(new URL("./pixel.worker.mjs", import.meta.url));

const state = {
  slots: [] as Slot[],
  queue: [] as Task[],
  nextId: 1,
  /** Workers could not start: everything runs in-process from now on. */
  inProcess: false,
  warned: false,
  makeWorker: bundledWorker as (() => Worker) | null,
};

/** Run one pixel op off the event loop (in-process if the pool cannot start). */
export function runPixelOp<K extends Op>(op: K, args: PixelOps[K]["args"]): Promise<PixelOps[K]["result"]> {
  return new Promise((resolve, reject) => {
    state.queue.push({ id: state.nextId++, op, args, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
}

/**
 * A copy of `bytes` over a SharedArrayBuffer, for ops to read and write without copying. The buffer
 * comes from the pool with its pages already touched: faulting in 144 MB of fresh memory costs ~0.5 s
 * of the thread that first writes it; the copy into touched pages is a plain memcpy (~10 ms).
 */
export async function sharedCopy(bytes: Uint8Array): Promise<Buffer> {
  const out = await runPixelOp("sharedBytes", { n: bytes.byteLength });
  const buf = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  buf.set(bytes);
  return buf;
}

/** `n` shared bytes, pages touched off the loop (see `sharedCopy`). */
export async function sharedBuffer(n: number): Promise<Buffer> {
  const out = await runPixelOp("sharedBytes", { n });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** For tests: how the pool runs, and how many workers are up. */
export function pixelPoolStatus(): { inProcess: boolean; workers: number } {
  return { inProcess: state.inProcess, workers: state.slots.length };
}

/**
 * For tests: `null` forces in-process; a URL swaps the worker entry (a missing file exercises the
 * fallback); no argument restores the default. Stops the current workers.
 */
export async function resetPixelPoolForTests(workerUrl?: URL | null): Promise<void> {
  const slots = state.slots.splice(0);
  await Promise.all(slots.map((s) => ((s.gone = true), s.worker.terminate())));
  state.inProcess = workerUrl === null;
  state.warned = false;
  state.makeWorker = workerUrl === undefined ? bundledWorker : workerUrl === null ? null : () => new Worker(workerUrl);
}

function runLocally(t: Task): void {
  // A macrotask later, so a burst of fallbacks still lets timers and I/O in between.
  setImmediate(() => {
    try {
      t.resolve(IN_PROCESS[t.op](t.args as never));
    } catch (err) {
      t.reject(err);
    }
  });
}

function giveUp(err: unknown): void {
  state.inProcess = true;
  if (!state.warned) {
    state.warned = true;
    const why = err instanceof Error ? err.message : String(err);
    console.warn(`[workers] pixel worker pool unavailable (${why}); running pixel work in-process`);
  }
  for (const s of state.slots.splice(0)) {
    s.gone = true;
    if (s.task) runLocally(s.task);
    void s.worker.terminate();
  }
}

function pump(): void {
  while (state.queue.length) {
    if (state.inProcess || !state.makeWorker) {
      runLocally(state.queue.shift()!);
      continue;
    }
    let slot = state.slots.find((s) => !s.task);
    if (!slot && state.slots.length < POOL_SIZE) slot = spawn() ?? undefined;
    if (!slot) {
      if (state.inProcess) continue;
      return; // all busy: the next answer pumps again
    }
    const t = state.queue.shift()!;
    slot.task = t;
    slot.worker.ref();
    slot.worker.postMessage({ id: t.id, op: t.op, args: t.args });
  }
}

function spawn(): Slot | null {
  let worker: Worker;
  try {
    worker = state.makeWorker!();
  } catch (err) {
    giveUp(err);
    return null;
  }
  const slot: Slot = { worker, ready: false, task: null, gone: false };
  worker.unref();
  worker.on("message", (m: { ready?: true; id?: number; ok?: boolean; result?: unknown; message?: string }) => {
    if (m.ready) {
      slot.ready = true;
      return;
    }
    const t = slot.task;
    if (!t || t.id !== m.id) return;
    slot.task = null;
    worker.unref();
    if (m.ok) t.resolve(m.result);
    else t.reject(new Error(m.message));
    pump();
  });
  const lost = (err: unknown) => {
    if (slot.gone) return;
    slot.gone = true;
    state.slots = state.slots.filter((s) => s !== slot);
    if (!slot.ready) {
      // Never started (entry missing, threads refused): not this task's fault, run it here.
      giveUp(err);
      if (slot.task) runLocally(slot.task);
    } else if (slot.task) {
      slot.task.reject(err instanceof Error ? err : new Error(`pixel worker exited (${String(err)})`));
    }
    slot.task = null;
    pump();
  };
  worker.on("error", lost);
  worker.on("exit", (code) => lost(new Error(`pixel worker exited with code ${code}`)));
  state.slots.push(slot);
  return slot;
}
