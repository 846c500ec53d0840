/**
 * What the store of this suite holds, asked through the store itself (`storage()`), so one assertion runs on
 * both legs of the matrix: local files under `<data dir>/files` (SQLite leg) and objects in the suite's
 * s3rver bucket (PostgreSQL + S3 leg, tests/helpers/data-dir.ts). For what only one store has (the local
 * store's `.tmp` and `.pins` folders), `onLocalDisk()` tells the suite which one it runs on.
 */
import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import { storage, type PinnedBlobs } from "@/lib/storage";
import { LocalDiskStore } from "@/lib/storage/local-disk";
import { TEST_S3_PREFIX } from "./data-dir";
import type { S3rverHandle } from "./s3rver";

/** Whether this suite's files are on the local disk (else in S3). */
export const onLocalDisk = (): boolean => storage() instanceof LocalDiskStore;

/** The keys stored under `prefix` (`assets/`, `thumbs/`, `previews/`), sorted. */
export async function storedKeys(prefix: string): Promise<string[]> {
  return (await storage().list(prefix)).sort();
}

/** Whether `key` is stored now. */
export async function isStored(key: string): Promise<boolean> {
  return (await storage().size(key)) !== null;
}

/**
 * Write objects quickly, for seeds of thousands, into the store of `data` (a `withTempDataDir` state):
 * straight into `<data dir>/files` on the local disk (no fsync per file, unlike its `put`), straight into
 * the suite's s3rver folder on S3 (as its PutObject would; `S3rverHandle.seed`), else by `put`s.
 */
export async function seedStored(
  data: { dir: string; s3?: S3rverHandle },
  objects: { key: string; body: Uint8Array }[],
): Promise<void> {
  const store = storage();
  if (store instanceof LocalDiskStore) {
    for (const { key, body } of objects) {
      const file = path.join(data.dir, "files", key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
    }
  } else if (data.s3 && process.env.STORAGE_URL === `s3://${data.s3.bucket}/${TEST_S3_PREFIX}`) {
    data.s3.seed(objects.map((o) => ({ key: TEST_S3_PREFIX + o.key, body: o.body })));
  } else {
    for (let i = 0; i < objects.length; i += 16)
      await Promise.all(objects.slice(i, i + 16).map((o) => store.put(o.key, o.body)));
  }
}

/**
 * Watch what `storage().pin` hands out from now on (until `vi.restoreAllMocks()`): pins not yet released,
 * and pinned streams opened and not yet closed — what an export holds, on either store (the local store
 * also has its `.pins` links; S3Store's pins hold only open GETs). `wrap` may replace a pin's blobs
 * (fault injection), the counts are of what the caller gets.
 */
export function watchPins(wrap: (pins: PinnedBlobs) => PinnedBlobs = (p) => p) {
  const store = storage();
  const pin = store.pin.bind(store);
  const counts = { made: 0, pins: 0, streams: 0 };
  vi.spyOn(store, "pin").mockImplementation(async (keys) => {
    const real = wrap(await pin(keys));
    counts.made++;
    counts.pins++;
    let released = false;
    return {
      sizes: real.sizes,
      nodeStream(i) {
        const s = real.nodeStream(i);
        counts.streams++;
        s.once("close", () => counts.streams--);
        return s;
      },
      async release() {
        if (!released) {
          released = true;
          counts.pins--;
        }
        await real.release();
      },
    };
  });
  return {
    /** Pins handed out since the call. */
    made: () => counts.made,
    /** Pins handed out and not yet released. */
    pins: () => counts.pins,
    /** Pinned streams opened and not yet closed. */
    streams: () => counts.streams,
  };
}
