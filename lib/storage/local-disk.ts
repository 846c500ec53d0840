import "server-only";
import { randomBytes } from "node:crypto";
import fsSync, { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { BlobStore, OpenBlob, PinnedBlobs, StoredEntry } from "./index";
import { assertKey } from "./keys";
import { webStreamOf } from "./web-stream";

/**
 * A file time in the whole milliseconds `Date.now()` counts in: mtimes carry fractions, so a file written
 * in the current millisecond would otherwise look younger than 0 ms (an age check of ≥ 0 would skip it).
 */
const wholeMs = (mtimeMs: number) => Math.floor(mtimeMs);

const TMP = ".tmp";
/** Hard links held by running exports, one folder per `pin()` call: `.pins/<pid>-<random>/<index>`. */
const PINS = ".pins";
/** Longest stretch of synchronous link/stat/unlink calls before the event loop runs again. */
const SLICE_MS = 4;
/** 1 MiB reads: fewer, larger chunks for archives of many megabyte-sized images. */
const READ_CHUNK = 1 << 20;
/** link(2) failures that say "this filesystem (or this inode) cannot take another hard link". */
const NO_LINK = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/** Pin folders of live `pin()` calls in this process (on globalThis: Next.js route bundles share it). */
const livePins: Set<string> = ((globalThis as { __atelierPins?: Set<string> }).__atelierPins ??= new Set());

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** Byte range options that stop a read at `size` bytes, so a reader never gets more than was announced. */
const upTo = (size: number) => ({ highWaterMark: READ_CHUNK, start: 0, ...(size > 0 ? { end: size - 1 } : {}) });

/**
 * `fn(0..n-1)`, synchronous calls in slices of about SLICE_MS, yielding to the event loop between slices:
 * other requests wait a few milliseconds at most, one slow call aside.
 */
async function inSlices(n: number, fn: (i: number) => void): Promise<void> {
  let i = 0;
  while (i < n) {
    const until = performance.now() + SLICE_MS;
    do fn(i++);
    while (i < n && performance.now() < until);
    if (i < n) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === "EPERM";
  }
}

let warnedNoLinks = false;

/** Files under `<dataDir>/files`: temp file in the same filesystem, fsync, then rename. */
export class LocalDiskStore implements BlobStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.file(key);
    const tmpDir = path.join(this.root, TMP);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${path.basename(key)}.${randomBytes(6).toString("hex")}`);
    const fh = await fs.open(tmp, "wx");
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  read(key: string): Promise<Buffer> {
    return fs.readFile(this.file(key));
  }

  async blob(key: string, type: string): Promise<Blob | null> {
    const file = this.file(key);
    // Node 20's openAsBlob answers a missing file with a TypeError without a code: ask first.
    if ((await this.size(key)) === null) return null;
    return fsSync.openAsBlob(file, { type });
  }

  stream(key: string): ReadableStream<Uint8Array> {
    return webStreamOf(createReadStream(this.file(key), { highWaterMark: READ_CHUNK }));
  }

  async open(key: string): Promise<OpenBlob | null> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.file(key), "r");
    } catch (err) {
      if (codeOf(err) === "ENOENT") return null;
      throw err;
    }
    let size: number;
    try {
      size = (await fh.stat()).size;
    } catch (err) {
      await fh.close();
      throw err;
    }
    let taken = false;
    return {
      size,
      stream() {
        if (taken) throw new Error("blob already streamed or closed");
        taken = true;
        // The stream owns the handle from here: it closes it at the end, on error and on destroy (cancel).
        return webStreamOf(fh.createReadStream(upTo(size)));
      },
      async close() {
        if (taken) return;
        taken = true;
        await fh.close();
      },
    };
  }

  /**
   * Pinning is a hard link per key into a private folder: the link and the asset's name are the same inode,
   * so a delete (which unlinks the name) leaves the bytes readable through the link until `release()`
   * removes the folder. Unlike holding open descriptors it costs no file descriptor per key (a 100,000-asset
   * export would pass any fd limit), and sizes are those of the linked inodes, known before the first byte.
   * Where the filesystem takes no hard links (FAT, some network mounts), a key is held by name only: a
   * delete during the read then makes that read fail (an error, never wrong bytes). A crash leaves the
   * folder behind; `cleanTemp` at the next boot removes it.
   *
   * The links are made with synchronous calls in slices of a few milliseconds between which the event loop
   * runs: about three times faster than one thread-pool round trip per call (100,000 keys: ~1.5 s instead
   * of ~5 s before the first byte), and the thread pool stays free for everyone else.
   */
  async pin(keys: string[]): Promise<PinnedBlobs> {
    const sources = keys.map((k) => this.file(k));
    const dir = path.join(this.root, PINS, `${process.pid}-${randomBytes(6).toString("hex")}`);
    await fs.mkdir(dir, { recursive: true });
    livePins.add(dir);
    const paths: (string | null)[] = new Array<string | null>(keys.length).fill(null);
    const sizes: (number | null)[] = new Array<number | null>(keys.length).fill(null);
    const linked: number[] = [];
    let released: Promise<void> | null = null;
    const release = () =>
      (released ??= (async () => {
        try {
          await inSlices(linked.length, (j) => fsSync.rmSync(path.join(dir, String(linked[j])), { force: true }));
          await fs.rm(dir, { recursive: true, force: true });
        } finally {
          livePins.delete(dir);
        }
      })());
    try {
      await inSlices(sources.length, (i) => {
        const link = path.join(dir, String(i));
        let held = sources[i];
        try {
          fsSync.linkSync(held, link);
          held = link;
          linked.push(i);
        } catch (err) {
          if (codeOf(err) === "ENOENT") {
            // Gone already — unless the pin folder itself was removed under us, which must not pass for that.
            if (!fsSync.existsSync(dir)) throw err;
            return;
          }
          if (!NO_LINK.has(codeOf(err) ?? "")) throw err;
          if (!warnedNoLinks) {
            warnedNoLinks = true;
            console.warn(`[atelier] no hard links in ${this.root} (${codeOf(err)}): exports hold files by name only`);
          }
        }
        try {
          sizes[i] = fsSync.statSync(held).size;
          paths[i] = held;
        } catch (err) {
          if (codeOf(err) !== "ENOENT" || held === link) throw err;
        }
      });
    } catch (err) {
      await release();
      throw err;
    }
    return {
      sizes,
      nodeStream(i) {
        const held = paths[i];
        if (held === null || sizes[i] === null) throw new Error(`nothing pinned at ${i}`);
        return createReadStream(held, upTo(sizes[i]));
      },
      release,
    };
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.stat(this.file(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = path.join(this.root, prefix);
    try {
      const names = await fs.readdir(dir);
      return names.map((n) => `${prefix.replace(/\/$/, "")}/${n}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }

  async listEntries(prefix: string): Promise<StoredEntry[]> {
    const entries: StoredEntry[] = [];
    for (const key of await this.list(prefix)) {
      // A file removed between the listing and its stat is simply not there any more.
      const st = await fs.stat(path.join(this.root, key)).catch((err: unknown) => {
        if (codeOf(err) === "ENOENT") return null;
        throw err;
      });
      if (st) entries.push({ key, modifiedMs: wholeMs(st.mtimeMs) });
    }
    return entries;
  }

  /** The folder exists (made on a fresh install) and this process may read and write it. */
  async check(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.access(this.root, fsSync.constants.R_OK | fsSync.constants.W_OK | fsSync.constants.X_OK);
  }

  /** Also removes pin folders no running export holds (a crash mid-download leaves them). */
  async cleanTemp(olderThanMs = 0): Promise<number> {
    const dir = path.join(this.root, TMP);
    let removed = 0;
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const p = path.join(dir, name);
      const st = await fs.stat(p).catch(() => null);
      if (st && Date.now() - wholeMs(st.mtimeMs) >= olderThanMs) {
        await fs.rm(p, { force: true });
        removed++;
      }
    }
    const pins = path.join(this.root, PINS);
    for (const name of await fs.readdir(pins).catch(() => [] as string[])) {
      const p = path.join(pins, name);
      const pid = Number(name.split("-")[0]);
      // Held here, or by another live process sharing the data dir (a pid of ours not held is a leftover).
      if (livePins.has(p) || (pid !== process.pid && Number.isInteger(pid) && pid > 0 && processAlive(pid))) continue;
      const st = await fs.stat(p).catch(() => null);
      if (st && Date.now() - wholeMs(st.mtimeMs) >= olderThanMs) {
        await fs.rm(p, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }
}
