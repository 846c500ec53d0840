/**
 * Heavy image work vs everyone else (issue #13 item 6):
 * 1. one edit of 16 × 50 MB inputs against the in-process simulator: peak RSS (goal ≤ 1 GB), and the
 *    latency of `GET /api/models` handler calls made back to back while it runs (goal p99 ≤ 200 ms);
 * 2. the worst event-loop stall (a 1 ms interval probe, max gap) during a local cutout of a 6000² photo
 *    and during the inspect + thumbnail of a large upload.
 * The edit runs first, in a fresh process, so its RSS is not the cutout's. BENCH_HEAVY_SIM=child runs the
 * simulator in its own process, so the studio's own RSS shows apart from the simulator's (which buffers
 * and parses the whole multipart body).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import sharp from "sharp";
import { benchDataDir, percentile, rssSampler } from "./support";

const CUTOUT_EDGE = Number(process.env.BENCH_HEAVY_CUTOUT_EDGE ?? 6000);
const EDIT_INPUTS = Number(process.env.BENCH_HEAVY_EDIT_INPUTS ?? 16);
/** Edits of EDIT_INPUTS inputs each, started together. */
const EDIT_JOBS = Number(process.env.BENCH_HEAVY_EDIT_JOBS ?? 1);
const ADMIN = "bench-admin-token-0123456789abcdefghijklmnop";
const MB = 1024 * 1024;

/** The longest the event loop was blocked (ms) while `fn` ran, and how long `fn` took. */
async function worstStall(fn: () => Promise<unknown>): Promise<{ stall: number; ms: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const s = performance.now();
  await fn();
  const ms = performance.now() - s;
  clearInterval(timer);
  worst = Math.max(worst, performance.now() - last);
  return { stall: worst, ms };
}

/** A product photo: a red box on a light grey ground, `edge`². */
async function productPhoto(edge: number): Promise<Buffer> {
  const pw = Math.round(edge * 0.55);
  const ph = Math.round(edge * 0.65);
  const product = await sharp({ create: { width: pw, height: ph, channels: 3, background: "#b42d4a" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: edge, height: edge, channels: 3, background: "#f7f7f7" } })
    .composite([{ input: product, left: Math.round((edge - pw) / 2), top: Math.round((edge - ph) / 2) }])
    .png()
    .toBuffer();
}

/** A ~49 MB PNG upload (noise does not compress): 3950² RGB, just under the simulator's 50 MB per input. */
export async function bigUpload(edge = 3950): Promise<Buffer> {
  return sharp({
    create: {
      width: edge,
      height: edge,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Peak resident set of a process so far (Linux VmHWM), in bytes, with its children's (tsx runs one); null elsewhere. */
function peakRss(pid: number | "self" = "self"): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    if (pid === "self") return m ? Number(m[1]) * 1024 : null;
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return kids.reduce((n, k) => Math.max(n, peakRss(Number(k)) ?? 0), m ? Number(m[1]) * 1024 : 0);
  } catch {
    return null;
  }
}

/** The simulator in a child process (this file, BENCH_HEAVY_ROLE=sim): answers its origin and pid. */
async function childSimulator(): Promise<{ origin: string; pid: number; close: () => Promise<void> }> {
  const root = process.cwd();
  const tsx = `${root}/node_modules/tsx/dist/cli.mjs`;
  const args = [tsx, "--tsconfig", `${root}/tsconfig.scripts.json`, `${root}/tests/bench/heavy.ts`];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, BENCH_HEAVY_ROLE: "sim" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /origin (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`simulator child exited ${code}`)));
  });
  return {
    origin,
    pid: child.pid!,
    close: async () => {
      child.stdin!.end();
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function simRole() {
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 });
  console.log(`origin ${sim.origin}`);
  process.stdin.resume();
  process.stdin.on("end", () => void sim.close().then(() => process.exit(0)));
}

async function bigEdit(projectId: string) {
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const child = process.env.BENCH_HEAVY_SIM === "child";
  const sim = child
    ? await childSimulator()
    : { pid: null, ...(await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 })) };
  process.env.SIMULATOR_ORIGIN = sim.origin;
  (await import("@/lib/env")).resetEnv();
  const { GET: models } = await import("@/app/api/models/route");
  const { createGeneration, findGeneration } = await import("@/lib/generations");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");
  const { saveAsset } = await import("@/lib/assets/save-asset");
  const { inflightInputBytes } = await import("@/lib/jobs/inflight");

  const upload = await bigUpload();
  const ids: string[][] = [];
  for (let j = 0; j < EDIT_JOBS; j++) {
    const row: string[] = [];
    for (let i = 0; i < EDIT_INPUTS; i++) {
      row.push((await saveAsset({ projectId, kind: "upload", bytes: upload, createdBy: null })).id);
    }
    ids.push(row);
  }
  const callModels = () =>
    models(
      new Request("http://127.0.0.1:3000/api/models", { headers: { authorization: `Bearer ${ADMIN}` } }),
      undefined,
    );
  await (await callModels()).json(); // warm: the catalog is loaded once, then cached
  global.gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const base = process.memoryUsage().rss;

  const rss = rssSampler();
  const s = performance.now();
  const gens = await Promise.all(
    ids.map((inputAssetIds) =>
      createGeneration(ADMIN_TOKEN_ACTOR, projectId, {
        model: "gpt-image-2",
        operation: "edit",
        prompt: "the same product on a marble table",
        params: { size: "1024x1024", quality: "low" },
        inputAssetIds,
      }),
    ),
  );
  const lat: number[] = [];
  let peakHeld = 0;
  let peakBuffers = 0;
  let peakHeap = 0;
  const done = () =>
    gens.every((g) => {
      const cur = findGeneration(projectId, g.id);
      if (cur.status === "failed") throw new Error(`edit failed: ${cur.error?.message}`);
      return cur.status !== "queued" && cur.status !== "running";
    });
  const prober = async () => {
    while (!done()) {
      const t = performance.now();
      const res = await callModels();
      await res.arrayBuffer();
      lat.push(performance.now() - t);
      peakHeld = Math.max(peakHeld, inflightInputBytes().gauge().held);
      const m = process.memoryUsage();
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await Promise.all([prober(), prober(), prober(), prober()]);
  const ms = performance.now() - s;
  const sampled = rss.stop();
  const peak = Math.max(sampled, peakRss() ?? 0);
  const simPeak = sim.pid ? peakRss(sim.pid) : null;
  await sim.close();
  const l = lat.sort((a, b) => a - b);
  const inputs = (EDIT_JOBS * EDIT_INPUTS * upload.length) / MB;
  console.log(
    `edit: ${EDIT_JOBS} job(s) × ${EDIT_INPUTS} inputs × ${(upload.length / MB).toFixed(1)} MB (${inputs.toFixed(0)} MB in all), ${child ? "simulator in a child process" : "in-process simulator"}: ${ms.toFixed(0)} ms`,
  );
  if (simPeak) console.log(`  simulator process peak RSS ${(simPeak / MB).toFixed(0)} MB (not counted below)`);
  console.log(
    `  peak RSS ${(peak / MB).toFixed(0)} MB (+${((peak - base) / MB).toFixed(0)} MB over ${(base / MB).toFixed(0)} MB idle; goal ≤ 1024 MB); ArrayBuffers ≤ ${(peakBuffers / MB).toFixed(0)} MB, JS heap ≤ ${(peakHeap / MB).toFixed(0)} MB; input bytes held at once ≤ ${(peakHeld / MB).toFixed(0)} MB (bound ${(inflightInputBytes().capacity / MB).toFixed(0)} MB)`,
  );
  console.log(
    `  GET /api/models meanwhile (${l.length} calls, 4 callers): p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${l[l.length - 1].toFixed(1)} ms (goal p99 ≤ 200 ms)`,
  );
}

async function main() {
  if (process.env.BENCH_HEAVY_ROLE === "sim") return simRole();
  process.env.STUDIO_ADMIN_TOKEN = ADMIN;
  const { projectId } = await benchDataDir("heavy");
  if (process.env.BENCH_HEAVY_EDIT !== "0") await bigEdit(projectId);
  const { localCutout, localCutoutParamsSchema } = await import("@/lib/cutout/local-cutout");
  const { makeThumb } = await import("@/lib/assets/save-asset");
  const { inspectImage } = await import("@/lib/assets/inspect-image");

  const photo = await productPhoto(CUTOUT_EDGE);
  const params = localCutoutParamsSchema.parse({ tolerance: 15, feather: 2, grow: 1 });
  await localCutout(await productPhoto(512), params); // warm-up (and the worker pool, if any)
  const cut = await worstStall(() => localCutout(photo, params));
  console.log(
    `local cutout ${CUTOUT_EDGE}² (feather 2, grow 1): ${cut.ms.toFixed(0)} ms, worst event-loop stall ${cut.stall.toFixed(0)} ms`,
  );

  const upload = await bigUpload();
  const mb = (upload.length / 1024 / 1024).toFixed(1);
  const insp = await worstStall(() => inspectImage(upload, 40_000_000));
  const thumb = await worstStall(() => makeThumb(upload));
  console.log(
    `upload ${mb} MB PNG 3950²: inspect ${insp.ms.toFixed(0)} ms (stall ${insp.stall.toFixed(0)} ms), thumbnail ${thumb.ms.toFixed(0)} ms (stall ${thumb.stall.toFixed(0)} ms)`,
  );
}

void main();
