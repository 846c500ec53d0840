import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { BlobStore } from "./index";
import { assertKey } from "./keys";

const TMP = ".tmp";

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

  stream(key: string): ReadableStream<Uint8Array> {
    return Readable.toWeb(this.nodeStream(key)) as ReadableStream<Uint8Array>;
  }

  nodeStream(key: string): Readable {
    // 1 MiB reads: fewer, larger chunks for archives of many megabyte-sized images.
    return createReadStream(this.file(key), { highWaterMark: 1 << 20 });
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

  async cleanTemp(olderThanMs = 0): Promise<number> {
    const dir = path.join(this.root, TMP);
    let removed = 0;
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const p = path.join(dir, name);
      const st = await fs.stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs >= olderThanMs) {
        await fs.rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
