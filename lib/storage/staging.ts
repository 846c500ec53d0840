import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { storage } from "./index";
import { assertKey } from "./keys";
import { LocalDiskStore } from "./local-disk";

/**
 * Upload staging: the files of a batch while it is received and checked, under
 * `<dataDir>/files/.staging/<batch>/` — the same filesystem as the store, so moving them in is a rename.
 * Nothing serves them and no row names them. A batch that commits moves its files to their keys before
 * its rows are inserted (a crash in between leaves files without rows: boot's orphan sweep); one that
 * fails is removed in the request; one a crash interrupted is removed at the next boot (`cleanStaging`).
 */
const STAGING = ".staging";
const NAME_RE = /^[0-9a-z][0-9a-z.-]{0,63}$/;

const stagingRoot = () => path.join(env().dataDir, "files", STAGING);

export interface StagedFile {
  path: string;
  bytes: number;
  sha256: string;
}

export class StagingArea {
  private constructor(readonly dir: string) {}

  static async open(): Promise<StagingArea> {
    const dir = path.join(stagingRoot(), `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`);
    await fs.mkdir(dir, { recursive: true });
    return new StagingArea(dir);
  }

  private file(name: string): string {
    if (!NAME_RE.test(name)) throw new Error("invalid staging name");
    return path.join(this.dir, name);
  }

  /** Write chunks as they come to `name` (counted and hashed on the way), then fsync. */
  async write(name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<StagedFile> {
    const file = this.file(name);
    const hash = createHash("sha256");
    let bytes = 0;
    const fh = await fs.open(file, "wx");
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        await fh.write(chunk);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { path: file, bytes, sha256: hash.digest("hex") };
  }

  read(file: StagedFile): Promise<Buffer> {
    return fs.readFile(file.path);
  }

  /**
   * Move staged files to their storage keys. On the local disk a rename each, then one fsync per
   * directory so the moves are durable before the caller commits rows naming them; another store gets
   * a `put` of the bytes. A failure part-way leaves some keys written: the caller deletes them all.
   */
  async promote(moves: { file: StagedFile; key: string }[]): Promise<void> {
    const store = storage();
    if (!(store instanceof LocalDiskStore)) {
      for (const m of moves) await store.put(m.key, await fs.readFile(m.file.path));
      return;
    }
    const root = path.dirname(stagingRoot());
    const dirs = new Set<string>();
    for (const m of moves) {
      assertKey(m.key);
      const target = path.join(root, m.key);
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      await fs.rename(m.file.path, target);
    }
    for (const dir of dirs) await syncDir(dir);
  }

  /** Remove whatever is still staged (idempotent). */
  async dispose(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, "r");
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself stands.
  } finally {
    await fh.close();
  }
}

/** Boot: remove every staged batch (no request is running yet) and answer how many files went. */
export async function cleanStaging(olderThanMs = 0): Promise<number> {
  const root = stagingRoot();
  let removed = 0;
  for (const batch of await fs.readdir(root).catch(() => [] as string[])) {
    const dir = path.join(root, batch);
    // Another process sharing the data dir may be receiving this batch right now.
    const st = await fs.stat(dir).catch(() => null);
    if (olderThanMs > 0 && st && Date.now() - Math.floor(st.mtimeMs) < olderThanMs) continue;
    removed += (await fs.readdir(dir).catch(() => [] as string[])).length;
    await fs.rm(dir, { recursive: true, force: true });
  }
  return removed;
}
