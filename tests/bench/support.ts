import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh data dir for one bench process, with one project. Must run before any lib import touches env. */
export async function benchDataDir(name: string): Promise<{ dir: string; projectId: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-bench-${name}-`));
  process.env.STUDIO_DATA_DIR = dir;
  delete process.env.DMXAPI_API_KEY;
  const { createProject } = await import("@/lib/projects");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");
  return { dir, projectId: createProject(ADMIN_TOKEN_ACTOR, `bench ${name}`).id };
}

/** N asset rows with files of `size` bytes (PNG magic + random tail: the ZIP path never decodes). */
export async function insertFakeAssets(
  projectId: string,
  n: number,
  size: number,
  opts: { files?: boolean } = {},
): Promise<{ assetIds: string[] }> {
  const { db } = await import("@/lib/db/client");
  const { assets } = await import("@/lib/db/schema");
  const { newId } = await import("@/lib/ids");
  const { assetFileKey, storage } = await import("@/lib/storage");
  const store = storage();
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const body = Buffer.concat([magic, randomBytes(size - magic.length)]);
  const ids: string[] = [];
  const rows: (typeof assets.$inferInsert)[] = [];
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
  const database = db();
  for (let i = 0; i < rows.length; i += 1000)
    database.transaction(
      (tx) =>
        void tx
          .insert(assets)
          .values(rows.slice(i, i + 1000))
          .run(),
    );
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
