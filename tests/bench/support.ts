import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulatorProcess } from "@/tests/helpers/processes";

/** A fresh data dir for one bench process, with one project. Must run before any lib import touches env. */
export async function benchDataDir(name: string): Promise<{ dir: string; projectId: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-bench-${name}-`));
  process.env.STUDIO_DATA_DIR = dir;
  delete process.env.DMXAPI_API_KEY;
  const { createProject } = await import("@/lib/projects");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");
  return { dir, projectId: (await createProject(ADMIN_TOKEN_ACTOR, `bench ${name}`)).id };
}

/** N asset rows with files of `size` bytes (PNG magic + random tail: the ZIP path never decodes). */
export async function insertFakeAssets(
  projectId: string,
  n: number,
  size: number,
  opts: { files?: boolean } = {},
): Promise<{ assetIds: string[] }> {
  const { insertAssetRows } = await import("@/lib/db/assets");
  const { newId } = await import("@/lib/ids");
  const { assetFileKey, storage } = await import("@/lib/storage");
  const store = storage();
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const body = Buffer.concat([magic, randomBytes(size - magic.length)]);
  const ids: string[] = [];
  const rows: Parameters<typeof insertAssetRows>[0] = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const id = newId("ast", t0 + i);
    const fileKey = assetFileKey(id, "image/png");
    if (opts.files !== false) await store.put(fileKey, body);
    rows.push({
      id,
      projectId,
      kind: i % 5 === 0 ? "upload" : "generated",
      mimeType: "image/png",
      width: 1024,
      height: 1024,
      bytes: size,
      sha256: "0".repeat(64),
      prompt: `白底产品图 product photo number ${i}, studio lighting`,
      model: "gpt-image-2",
      params: { size: "1024x1024", quality: "high" },
      parentAssetIds: [],
      fileKey,
      thumbKey: null,
      createdAt: new Date(t0 + i).toISOString(),
    });
    ids.push(id);
  }
  await insertAssetRows(rows);
  // PostgreSQL plans from statistics: right after a bulk load they say the table is empty (a sort of every
  // row instead of an index walk) until autovacuum analyzes it, within a minute in production. Do it now.
  const { db, dbDialect } = await import("@/lib/db/client");
  if (dbDialect() === "postgres") await (await import("kysely")).sql`analyze assets`.execute(db());
  return { assetIds: ids };
}

/** Samples RSS every 20 ms; `stop()` answers the peak in bytes. */
export function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Peak resident set of a process so far (Linux VmHWM), in bytes, with its children's (tsx runs one); null elsewhere. */
export function peakRss(pid: number | "self" = "self"): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    if (pid === "self") return m ? Number(m[1]) * 1024 : null;
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return kids.reduce((n, k) => Math.max(n, peakRss(Number(k)) ?? 0), m ? Number(m[1]) * 1024 : 0);
  } catch {
    return null;
  }
}

/** A ~47 MB PNG upload (noise does not compress): 3950² RGB, just under the simulator's 50 MB per input. */
export async function bigUpload(edge = 3950): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
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

export interface EditBenchOptions {
  /** Inputs per edit (BENCH_HEAVY_EDIT_INPUTS, default 16). */
  inputs?: number;
  /** Edits started together (BENCH_HEAVY_EDIT_JOBS, default 1). */
  jobs?: number;
  /** The admin token the bench process was started with (STUDIO_ADMIN_TOKEN). */
  adminToken: string;
}

/**
 * One (or BENCH_HEAVY_EDIT_JOBS) edit of 16 × ~47 MB inputs through `createGeneration` against the simulator:
 * in this process by default, in a child process with BENCH_HEAVY_SIM=child (its RSS then shows apart). Prints
 * the studio's peak RSS (goal ≤ 1 GB) and the latency of `GET /api/models` handler calls made back to back
 * meanwhile (goal p99 ≤ 200 ms). Run it first in a fresh process: the peak is the process's high-water mark.
 * Shared by heavy.ts and limits.ts.
 */
export async function editBench(projectId: string, opts: EditBenchOptions): Promise<void> {
  const inputsPerJob = opts.inputs ?? Number(process.env.BENCH_HEAVY_EDIT_INPUTS ?? 16);
  const jobs = opts.jobs ?? Number(process.env.BENCH_HEAVY_EDIT_JOBS ?? 1);
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const child = process.env.BENCH_HEAVY_SIM === "child";
  const sim = child
    ? await startSimulatorProcess()
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
  for (let j = 0; j < jobs; j++) {
    const row: string[] = [];
    for (let i = 0; i < inputsPerJob; i++) {
      row.push((await saveAsset({ projectId, kind: "upload", bytes: upload, createdBy: null })).id);
    }
    ids.push(row);
  }
  const callModels = () =>
    models(
      new Request("http://127.0.0.1:3000/api/models", { headers: { authorization: `Bearer ${opts.adminToken}` } }),
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
  const done = async () => {
    for (const g of gens) {
      const cur = await findGeneration(projectId, g.id);
      if (cur.status === "failed") throw new Error(`edit failed: ${cur.error?.message}`);
      if (cur.status === "queued" || cur.status === "running") return false;
    }
    return true;
  };
  const prober = async () => {
    while (!(await done())) {
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
  const MB = 1024 * 1024;
  const inputs = (jobs * inputsPerJob * upload.length) / MB;
  console.log(
    `edit: ${jobs} job(s) × ${inputsPerJob} inputs × ${(upload.length / MB).toFixed(1)} MB (${inputs.toFixed(0)} MB in all), ${child ? "simulator in a child process" : "in-process simulator"}: ${ms.toFixed(0)} ms`,
  );
  if (simPeak) console.log(`  simulator process peak RSS ${(simPeak / MB).toFixed(0)} MB (not counted below)`);
  console.log(
    `  peak RSS ${(peak / MB).toFixed(0)} MB (+${((peak - base) / MB).toFixed(0)} MB over ${(base / MB).toFixed(0)} MB idle; goal ≤ 1024 MB); ArrayBuffers ≤ ${(peakBuffers / MB).toFixed(0)} MB, JS heap ≤ ${(peakHeap / MB).toFixed(0)} MB; input bytes held at once ≤ ${(peakHeld / MB).toFixed(0)} MB (bound ${(inflightInputBytes().capacity / MB).toFixed(0)} MB)`,
  );
  console.log(
    `  GET /api/models meanwhile (${l.length} calls, 4 callers): p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${l[l.length - 1].toFixed(1)} ms (goal p99 ≤ 200 ms)`,
  );
}

// This file run as a script is the simulator child of `editBench`; imported, it does nothing here.
