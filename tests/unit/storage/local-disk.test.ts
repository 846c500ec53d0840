import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
