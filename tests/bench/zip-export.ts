/**
 * ZIP export of N × ~1 MB assets: the studio's streamed archive vs `zip -0 -r` on the same files,
 * in the same run. Prints throughput ratio, peak RSS and time to first byte.
 * Run through scripts/bench.mjs (one process per scenario, so RSS figures do not mix).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchDataDir, insertFakeAssets, rssSampler } from "./support";

const N = Number(process.env.BENCH_ZIP_FILES ?? 1000);
const SIZE = 1_000_000;

async function main() {
  const { dir, projectId } = await benchDataDir("zip");
  const { assetIds } = await insertFakeAssets(projectId, N, SIZE);
  const { createExport, downloadExport } = await import("@/lib/export");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");

  const rssBefore = process.memoryUsage().rss;
  const rss = rssSampler();
  const t0 = performance.now();
  const { exportId } = await createExport(ADMIN_TOKEN_ACTOR, { format: "zip", assetIds });
  const res = await downloadExport(exportId);
  let ttfb = 0;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfb) ttfb = performance.now() - t0;
    bytes += value.byteLength;
  }
  const studioMs = performance.now() - t0;
  const peak = rss.stop();

  // Same sink for both: zip writes its archive to stdout into /dev/null, as the studio's bytes are only counted.
  const z0 = performance.now();
  execFileSync("sh", ["-c", "zip -0 -r -q - assets > /dev/null"], { cwd: path.join(dir, "files") });
  const zipMs = performance.now() - z0;

  const mb = bytes / 1e6;
  console.log(`zip export: ${N} files, ${mb.toFixed(0)} MB`);
  console.log(
    `  studio stream   ${studioMs.toFixed(0)} ms  ${(mb / (studioMs / 1000)).toFixed(0)} MB/s  ttfb ${ttfb.toFixed(1)} ms  peak RSS ${(peak / 1e6).toFixed(0)} MB (${(rssBefore / 1e6).toFixed(0)} MB before: +${((peak - rssBefore) / 1e6).toFixed(0)} MB for a ${mb.toFixed(0)} MB archive)`,
  );
  console.log(`  zip -0 -r -     ${zipMs.toFixed(0)} ms  ${(mb / (zipMs / 1000)).toFixed(0)} MB/s`);
  // The length announced before the first byte (files pinned first) must be the length sent.
  const declared = Number(res.headers.get("content-length") ?? NaN);
  console.log(
    `  content-length  ${Number.isNaN(declared) ? "none" : declared} declared, ${bytes} received${declared === bytes ? " (exact)" : " (MISMATCH)"}`,
  );
  console.log(`  throughput ratio studio / zip -0 = ${(zipMs / studioMs).toFixed(2)}  (goal ≥ 0.8; RSS goal ≤ 200 MB)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
