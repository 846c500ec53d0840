/**
 * The local store itself: every store here is a LocalDiskStore on a temp folder of its own, never
 * `storage()`, so this suite runs on the local disk on both legs of the matrix (also where files go to S3).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/ids";
import { assetFileKey, assetThumbKey } from "@/lib/storage";
import { LocalDiskStore } from "@/lib/storage/local-disk";
import { blobStoreContract, bytes, readNode } from "./blob-store-contract";

blobStoreContract("LocalDiskStore", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-store-contract-"));
  return { store: new LocalDiskStore(dir), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-store-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const store = new LocalDiskStore(root);

describe("LocalDiskStore", () => {
  it("replaces a file atomically and leaves no temp file behind", async () => {
    const key = assetThumbKey(newId("ast"));
    await store.put(key, new Uint8Array(1000).fill(1));
    await store.put(key, new Uint8Array(10).fill(2));
    expect((await store.read(key)).length).toBe(10);
    expect(fs.readdirSync(path.join(root, ".tmp"))).toEqual([]);
  });

  it("lists entries with the files' mtimes, and check() makes the folder on a fresh install", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, bytes(3, 1));
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(root, key), old, old);
    const modified = (await store.listEntries("assets/")).find((e) => e.key === key)?.modifiedMs ?? 0;
    expect(Math.abs(modified - old.getTime())).toBeLessThan(2);
    await store.delete(key);

    const fresh = path.join(root, "fresh", "files");
    await new LocalDiskStore(fresh).check();
    expect(fs.statSync(fresh).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(root, "a-file"), "");
    await expect(new LocalDiskStore(path.join(root, "a-file", "files")).check()).rejects.toThrow();
  });
});

const pinDirs = () => (fs.existsSync(path.join(root, ".pins")) ? fs.readdirSync(path.join(root, ".pins")) : []);

describe("LocalDiskStore.pin", () => {
  it("holds every key's bytes through deletes, overwrites and truncation of the name, until release", async () => {
    const keys = [0, 1, 2].map(() => assetFileKey(newId("ast"), "image/png"));
    for (const [i, k] of keys.entries()) await store.put(k, bytes(1000 + i, i + 1));
    const pins = await store.pin(keys);
    expect(pins.sizes).toEqual([1000, 1001, 1002]);
    await store.delete(keys[0]);
    await store.put(keys[1], bytes(10, 9)); // a rename over the name: the pin keeps the old inode
    for (const i of [0, 1, 2]) {
      const got = await readNode(pins.nodeStream(i));
      expect(got.equals(Buffer.from(bytes(1000 + i, i + 1))), String(i)).toBe(true);
    }
    expect(pinDirs()).toHaveLength(1);
    await pins.release();
    await pins.release(); // idempotent
    expect(pinDirs()).toEqual([]);
    expect(await store.size(keys[0])).toBeNull();
    await Promise.all(keys.map((k) => store.delete(k)));
  });

  it("never reads past the pinned size, so a reader cannot get more than was announced", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, bytes(100, 3));
    const pins = await store.pin([key]);
    fs.appendFileSync(path.join(root, key), Buffer.from(bytes(50, 4))); // never done by the studio
    expect((await readNode(pins.nodeStream(0))).length).toBe(100);
    await pins.release();
    await store.delete(key);
  });

  it("holds by name only where the filesystem takes no hard links: a delete then fails the read", async () => {
    const keys = [assetFileKey(newId("ast"), "image/png"), assetFileKey(newId("ast"), "image/png")];
    for (const k of keys) await store.put(k, bytes(64, 7));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const link = vi.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM"), { code: "EPERM" });
    });
    const pins = await store.pin(keys);
    link.mockRestore();
    warn.mockRestore();
    expect(pins.sizes).toEqual([64, 64]);
    expect((await readNode(pins.nodeStream(0))).length).toBe(64);
    await store.delete(keys[1]);
    await expect(readNode(pins.nodeStream(1))).rejects.toThrow(/ENOENT/);
    await pins.release();
    await store.delete(keys[0]);
  });

  it("cleanTemp removes pin folders no live pin holds (a crash mid-export), never a live one", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, bytes(8, 8));
    const live = await store.pin([key]);
    const leftovers = [`${process.pid}-deadbeef0000`, "999999999-deadbeef0001"];
    for (const name of leftovers) {
      fs.mkdirSync(path.join(root, ".pins", name), { recursive: true });
      fs.linkSync(path.join(root, key), path.join(root, ".pins", name, "0"));
      // A second ago: cleanTemp compares a sub-millisecond mtime with Date.now(), so "just now" can be "not yet".
      const past = new Date(Date.now() - 1000);
      fs.utimesSync(path.join(root, ".pins", name), past, past);
    }
    expect(pinDirs()).toHaveLength(3);
    expect(await store.cleanTemp()).toBe(2);
    expect(pinDirs()).toHaveLength(1);
    expect((await readNode(live.nodeStream(0))).length).toBe(8);
    await live.release();
    expect(pinDirs()).toEqual([]);
    await store.delete(key);
  });
});
