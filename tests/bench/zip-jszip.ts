/**
 * The design card's jszip on the same task as zip-export.ts, to decide which library streams exports:
 * each file handed over as a Node stream, `generateNodeStream({ streamFiles: true, compression: "STORE" })`.
 */
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { benchDataDir, insertFakeAssets, rssSampler } from "./support";

const N = Number(process.env.BENCH_ZIP_FILES ?? 1000);

async function main() {
  const { dir, projectId } = await benchDataDir("jszip");
  await insertFakeAssets(projectId, N, 1_000_000);
  const files = fs.readdirSync(path.join(dir, "files", "assets"));
  const rss = rssSampler();
  const t0 = performance.now();
  const zip = new JSZip();
  for (const f of files) zip.file(f, fs.createReadStream(path.join(dir, "files", "assets", f)));
  let bytes = 0;
  let ttfb = 0;
  await new Promise<void>((resolve, reject) => {
    zip
      .generateNodeStream({ streamFiles: true, compression: "STORE" })
      .on("data", (c: Buffer) => {
        if (!ttfb) ttfb = performance.now() - t0;
        bytes += c.length;
      })
      .on("end", resolve)
      .on("error", reject);
  });
  const ms = performance.now() - t0;
  console.log(
    `jszip: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB in ${ms.toFixed(0)} ms (${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s), ttfb ${ttfb.toFixed(1)} ms, peak RSS ${(rss.stop() / 1e6).toFixed(0)} MB`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
