import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/ids";
import { assetFileKey, assetThumbKey, previewKey } from "@/lib/storage";
import { LocalDiskStore } from "@/lib/storage/local-disk";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-store-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const store = new LocalDiskStore(root);

describe("LocalDiskStore", () => {
  it("writes, reads, streams, sizes and deletes by key", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, new Uint8Array([1, 2, 3, 4]));
    expect([...(await store.read(key))]).toEqual([1, 2, 3, 4]);
    expect(await store.size(key)).toBe(4);
    const streamed = Buffer.from(await new Response(store.stream(key)).arrayBuffer());
    expect([...streamed]).toEqual([1, 2, 3, 4]);
    await store.delete(key);
    await store.delete(key); // idempotent
    expect(await store.size(key)).toBeNull();
  });

  it("gives a file-backed Blob of the bytes (null when absent), usable as a form part", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, new Uint8Array([5, 6, 7]));
    const blob = await store.blob(key, "image/png");
    expect(blob?.size).toBe(3);
    expect(blob?.type).toBe("image/png");
    const form = new FormData();
    form.append("image", blob!, "a.png");
    expect([...new Uint8Array(await (form.get("image") as Blob).arrayBuffer())]).toEqual([5, 6, 7]);
    expect(await store.blob(assetFileKey(newId("ast"), "image/png"), "image/png")).toBeNull();
  });

  it("replaces a file atomically and leaves no temp file behind", async () => {
    const key = assetThumbKey(newId("ast"));
    await store.put(key, new Uint8Array(1000).fill(1));
    await store.put(key, new Uint8Array(10).fill(2));
    expect((await store.read(key)).length).toBe(10);
    expect(fs.readdirSync(path.join(root, ".tmp"))).toEqual([]);
  });

  it("refuses keys that are not derived from ids", async () => {
    for (const key of [
      "../escape.png",
      "assets/../../x.png",
      "assets/evil name.png",
      "assets/ast_short.png",
      "/etc/passwd",
    ]) {
      await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow("invalid storage key");
    }
  });

  it("lists keys under a prefix", async () => {
    const a = assetFileKey(newId("ast"), "image/webp");
    await store.put(a, new Uint8Array([9]));
    expect(await store.list("assets/")).toContain(a);
    expect(await store.list("nothing/")).toEqual([]);
    const p = previewKey(newId("gen"), 1, "image/webp");
    await store.put(p, new Uint8Array([7]));
    expect(await store.list("previews/")).toEqual([p]);
    expect(await store.list("assets/")).not.toContain(p);
  });
});

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const readNode = async (s: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const pinDirs = () => (fs.existsSync(path.join(root, ".pins")) ? fs.readdirSync(path.join(root, ".pins")) : []);

describe("LocalDiskStore.open", () => {
  it("answers the size of what it opened and serves it whole after the key is deleted", async () => {
    const key = assetFileKey(newId("ast"), "image/png");
    await store.put(key, bytes(3000, 5));
    const blob = (await store.open(key))!;
    expect(blob.size).toBe(3000);
    await store.delete(key);
    expect(await store.size(key)).toBeNull();
    const served = Buffer.from(await new Response(blob.stream()).arrayBuffer());
    expect(served.equals(Buffer.from(bytes(3000, 5)))).toBe(true);
    expect(() => blob.stream()).toThrow();
    await blob.close(); // after streaming: nothing to do
  });

  it("answers null for an absent key, and closes an opened blob that is not streamed", async () => {
    expect(await store.open(assetFileKey(newId("ast"), "image/png"))).toBeNull();
    const key = assetThumbKey(newId("ast"));
    await store.put(key, bytes(0, 0));
    const blob = (await store.open(key))!;
    expect(blob.size).toBe(0);
    await blob.close();
    await blob.close();
    expect(() => blob.stream()).toThrow();
  });
});

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

  it("reports a key absent at pin time as null and refuses to stream it", async () => {
    const there = assetFileKey(newId("ast"), "image/webp");
    await store.put(there, bytes(5, 1));
    const pins = await store.pin([assetFileKey(newId("ast"), "image/png"), there]);
    expect(pins.sizes).toEqual([null, 5]);
    expect(() => pins.nodeStream(0)).toThrow();
    await pins.release();
    await store.delete(there);
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
