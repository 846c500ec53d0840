import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Local temp files behind `S3Store.blob()`: each object version is downloaded once to
 * `<dir>/<pid>-<process token>-<hash of bucket, key, ETag, size>.blob` and handed out as `fs.openAsBlob`
 * of that file, so a large request body is read from disk as it is sent, never held in memory.
 *
 * When a file goes: `ttlMs` (default 1 hour) after `blob()` last handed it out — by the sweep that
 * `blob()` runs about once a minute, or by `cleanTemp`. A Blob reads its file by path each time it is read
 * (Node's openAsBlob), so a read of it — or of the File or slice made from it: `FormData.append` wraps it
 * in a new File — must start within that time; a read already started finishes whatever happens to the
 * file. Not on garbage collection of the Blob: its data outlives the Blob object (that File references
 * the file, not the Blob), so a FinalizationRegistry would remove files still to be read.
 * The trade-off: temp disk space for up to the bytes of every version handed out within `ttlMs`, in
 * exchange for no memory held and one download for repeated `blob()` calls of one version.
 * Files of this process are known by its token (a pid alone repeats across container restarts); those of
 * another live process are left alone; the rest are leftovers that `clean` removes by age.
 */
interface SpoolState {
  token: string;
  /** Last hand-out of each file of this process (all stores, all route bundles). */
  lastUse: Map<string, number>;
  /** Temp files being written now by this process. */
  parts: Set<string>;
}
const state: SpoolState = ((globalThis as { __atelierSpool?: SpoolState }).__atelierSpool ??= {
  token: randomBytes(4).toString("hex"),
  lastUse: new Map(),
  parts: new Set(),
});
const own = () => `${process.pid}-${state.token}-`;

/** How often at most `blobOf` sweeps out expired files. */
const SWEEP_EVERY_MS = 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class Spool {
  readonly #dir: string;
  readonly #ttlMs: number;
  readonly #writing = new Map<string, Promise<void>>();
  #lastSweep = 0;

  constructor(dir: string | undefined, ttlMs: number) {
    this.#dir = dir ?? path.join(os.tmpdir(), "atelier-spool");
    this.#ttlMs = ttlMs;
  }

  /**
   * A Blob of the version (`id` + `etag` + `size`), from its spool file — downloaded first through
   * `download` unless this process already has it. `download` gives exactly `size` bytes or fails.
   */
  async blobOf(
    id: string,
    etag: string,
    size: number,
    type: string,
    download: () => Promise<AsyncIterable<Uint8Array>>,
  ): Promise<Blob> {
    const hash = createHash("sha256").update(`${id}\0${etag}\0${size}`).digest("hex").slice(0, 32);
    const file = path.join(this.#dir, `${own()}${hash}.blob`);
    // Marked before any await: a sweep running meanwhile keeps it.
    state.lastUse.set(file, Date.now());
    this.#sweepSoon();
    const st = await fs.stat(file).catch(() => null);
    if (st?.size !== size) {
      let writing = this.#writing.get(file);
      if (!writing) {
        writing = this.#write(file, download).finally(() => this.#writing.delete(file));
        this.#writing.set(file, writing);
      }
      await writing;
    }
    state.lastUse.set(file, Date.now());
    return fsSync.openAsBlob(file, { type });
  }

  async #write(file: string, download: () => Promise<AsyncIterable<Uint8Array>>): Promise<void> {
    await fs.mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const part = `${file}.${randomBytes(6).toString("hex")}.part`;
    // Opened before the download starts: a write stream opens its file asynchronously, so a download that
    // failed at once could otherwise leave the part behind, created after it was removed.
    const fh = await fs.open(part, "wx", 0o600);
    state.parts.add(part);
    try {
      await pipeline(Readable.from(await download()), fh.createWriteStream());
      await fs.rename(part, file);
    } catch (err) {
      await fh.close().catch(() => undefined); // the stream closes it, unless the download failed before it
      await fs.rm(part, { force: true });
      throw err;
    } finally {
      state.parts.delete(part);
    }
  }

  #sweepSoon(): void {
    const now = Date.now();
    if (now - this.#lastSweep < Math.min(this.#ttlMs, SWEEP_EVERY_MS)) return;
    this.#lastSweep = now;
    this.clean(this.#ttlMs).catch((err: unknown) => {
      console.warn(`[atelier] spool sweep failed: ${(err as Error).message}`);
    });
  }

  /**
   * Remove spool files older than `olderThanMs`: this process's own ones only once `ttlMs` has also passed
   * since their last hand-out (and never while being written); another live process's never; leftovers of
   * ended processes by age. Answers how many went.
   */
  async clean(olderThanMs: number): Promise<number> {
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    const ownPrefix = own();
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.#dir, name);
      if (name.startsWith(ownPrefix)) {
        if (state.parts.has(file)) continue;
        const st = await fs.stat(file).catch(() => null);
        if (!st) continue;
        // Checked and removed with no await in between, so a hand-out cannot slip in.
        const last = state.lastUse.get(file) ?? Math.floor(st.mtimeMs);
        if (Date.now() - last < Math.max(olderThanMs, this.#ttlMs)) continue;
        fsSync.rmSync(file, { force: true });
        state.lastUse.delete(file);
        removed++;
        continue;
      }
      const pid = Number(name.split("-")[0]);
      if (pid !== process.pid && Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
      const st = await fs.stat(file).catch(() => null);
      // Whole milliseconds: a sub-millisecond mtime of "just now" would otherwise count as not yet.
      if (st && Date.now() - Math.floor(st.mtimeMs) >= olderThanMs) {
        await fs.rm(file, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }
}
