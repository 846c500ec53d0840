/** Asset list page of 100 at N assets (default 100k): p50/p95 over every page of a full keyset walk. */
import fs from "node:fs";
import { benchDataDir, insertFakeAssets, percentile } from "./support";

const N = Number(process.env.BENCH_LIST_ASSETS ?? 100_000);

async function main() {
  const { dir, projectId } = await benchDataDir("list");
  const t0 = performance.now();
  await insertFakeAssets(projectId, N, 1000, { files: false });
  console.log(`asset list: ${N} assets inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { listAssets } = await import("@/lib/assets/list-assets");

  const times: number[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const s = performance.now();
    const page = await listAssets(projectId, { limit: 100, cursor });
    times.push(performance.now() - s);
    seen += page.assets.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const kindTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    await listAssets(projectId, { limit: 100, kind: "upload" });
    kindTimes.push(performance.now() - s);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const k = [...kindTimes].sort((a, b) => a - b);
  console.log(`  ${times.length} pages of 100 (${seen} rows walked, newest first)`);
  console.log(
    `  page p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms  (goal p50 ≤ 10 ms)`,
  );
  console.log(
    `  first page ${times[0].toFixed(2)} ms, last page ${times.at(-1)!.toFixed(2)} ms (keyset: deep pages cost the same)`,
  );
  console.log(`  kind=upload filter p50 ${percentile(k, 50).toFixed(2)} ms  p95 ${percentile(k, 95).toFixed(2)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
