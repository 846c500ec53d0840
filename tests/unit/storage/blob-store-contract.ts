import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { assetFileKey, assetThumbKey, previewKey, type BlobStore } from "@/lib/storage";

/**
 * What every BlobStore promises (lib/storage/index.ts), as tests any store must pass. A store file calls
 * `blobStoreContract(name, make)`; `make` gives a store to itself (nothing else lists or writes there).
 * Where the stores may differ the test says what either may do, never less than the interface promises.
 */
export interface ContractSubject {
  store: BlobStore;
  cleanup(): Promise<void>;
}

export const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
/** Bytes that differ at every offset mod 251 (a prime), so a shifted, cut or mixed copy cannot pass. */
export const pattern = (n: number, seed = 0) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i + seed) % 251;
  return out;
};
export const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
export const readNode = async (s: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
export const readWeb = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());
/** The error `fn` throws or rejects with (a store may throw a bad key synchronously). */
export async function failure(fn: () => unknown): Promise<Error & { code?: string }> {
  try {
    await fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected a failure");
}
export const pngKey = () => assetFileKey(newId("ast"), "image/png");

export function blobStoreContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: BlobStore;
    beforeAll(async () => {
      subject = await make();
      store = subject.store;
    });
    afterAll(() => subject?.cleanup());

    it("writes, reads, streams, sizes and deletes by key", async () => {
      const key = pngKey();
      await store.put(key, new Uint8Array([1, 2, 3, 4]));
      expect([...(await store.read(key))]).toEqual([1, 2, 3, 4]);
      expect(await store.size(key)).toBe(4);
      expect([...(await readWeb(store.stream(key)))]).toEqual([1, 2, 3, 4]);
      await store.delete(key);
      await store.delete(key); // idempotent
      expect(await store.size(key)).toBeNull();
    });

    it("round-trips a few megabytes byte-exact through read, stream and open", async () => {
      const key = pngKey();
      const data = pattern(3 * 1024 * 1024 + 17);
      await store.put(key, data);
      expect(sha(await store.read(key))).toBe(sha(data));
      expect(sha(await readWeb(store.stream(key)))).toBe(sha(data));
      const opened = (await store.open(key))!;
      expect(opened.size).toBe(data.length);
      expect(sha(await readWeb(opened.stream()))).toBe(sha(data));
      await store.delete(key);
    });

    it("answers a missing key: read fails with ENOENT, stream errors, size and open are null", async () => {
      const key = pngKey();
      expect((await failure(() => store.read(key))).code).toBe("ENOENT");
      await expect(readWeb(store.stream(key))).rejects.toThrow();
      expect(await store.size(key)).toBeNull();
      expect(await store.open(key)).toBeNull();
    });

    it("replaces a key whole", async () => {
      const key = assetThumbKey(newId("ast"));
      await store.put(key, bytes(1000, 1));
      await store.put(key, bytes(10, 2));
      expect([...(await store.read(key))]).toEqual([...bytes(10, 2)]);
      expect(await store.size(key)).toBe(10);
      await store.delete(key);
    });

    it("gives a Blob of the bytes (null when absent), usable as a form part", async () => {
      const key = pngKey();
      await store.put(key, new Uint8Array([5, 6, 7]));
      const blob = await store.blob(key, "image/png");
      expect(blob?.size).toBe(3);
      expect(blob?.type).toBe("image/png");
      const form = new FormData();
      form.append("image", blob!, "a.png");
      expect([...new Uint8Array(await (form.get("image") as Blob).arrayBuffer())]).toEqual([5, 6, 7]);
      expect(await store.blob(pngKey(), "image/png")).toBeNull();
      await store.delete(key);
    });

    it("refuses keys that are not derived from ids, in every method", async () => {
      for (const key of [
        "../escape.png",
        "assets/../../x.png",
        "assets/evil name.png",
        "assets/ast_short.png",
        "/etc/passwd",
      ]) {
        const calls: (() => unknown)[] = [
          () => store.put(key, new Uint8Array([1])),
          () => store.read(key),
          () => store.stream(key),
          () => store.blob(key, "image/png"),
          () => store.open(key),
          () => store.pin([pngKey(), key]),
          () => store.size(key),
          () => store.delete(key),
        ];
        for (const call of calls) expect((await failure(call)).message).toBe("invalid storage key");
      }
    });

    it("lists keys under a prefix, with when each was written", async () => {
      const a = assetFileKey(newId("ast"), "image/webp");
      const before = Date.now();
      await store.put(a, new Uint8Array([9]));
      expect(await store.list("assets/")).toContain(a);
      expect(await store.list("assets")).toContain(a);
      expect(await store.list("nothing/")).toEqual([]);
      const p = previewKey(newId("gen"), 1, "image/webp");
      await store.put(p, new Uint8Array([7]));
      expect(await store.list("previews/")).toEqual([p]);
      expect(await store.list("assets/")).not.toContain(p);

      const entries = await store.listEntries("assets/");
      const entry = entries.find((e) => e.key === a);
      // Some stores keep whole seconds only.
      expect(entry?.modifiedMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
      expect(entry?.modifiedMs).toBeLessThanOrEqual(Date.now() + 1000);
      expect(entries.map((e) => e.key).sort()).toEqual((await store.list("assets/")).sort());
      expect(await store.listEntries("nothing/")).toEqual([]);
      await Promise.all([a, p].map((k) => store.delete(k)));
    });

    it("checks that it can be used", async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });

    it("cleanTemp answers how many leftovers went (none here)", async () => {
      expect(await store.cleanTemp()).toBe(0);
    });

    describe("open", () => {
      it("answers the size of what it opened and serves it whole after the key is deleted", async () => {
        const key = pngKey();
        const data = pattern(2 * 1024 * 1024, 3);
        await store.put(key, data);
        const blob = (await store.open(key))!;
        expect(blob.size).toBe(data.length);
        await store.delete(key);
        expect(await store.size(key)).toBeNull();
        expect(sha(await readWeb(blob.stream()))).toBe(sha(data));
        expect(() => blob.stream()).toThrow();
        await blob.close(); // after streaming: nothing to do
      });

      it("answers null for an absent key, and closes an opened blob that is not streamed", async () => {
        expect(await store.open(pngKey())).toBeNull();
        const key = assetThumbKey(newId("ast"));
        await store.put(key, bytes(0, 0));
        const blob = (await store.open(key))!;
        expect(blob.size).toBe(0);
        await blob.close();
        await blob.close();
        expect(() => blob.stream()).toThrow();
        await store.delete(key);
      });

      it("lets a reader cancel part-way, and the store goes on working", async () => {
        const key = pngKey();
        await store.put(key, pattern(4 * 1024 * 1024));
        const reader = (await store.open(key))!.stream().getReader();
        expect((await reader.read()).done).toBe(false);
        await reader.cancel();
        expect(await store.size(key)).toBe(4 * 1024 * 1024);
        await store.delete(key);
      });
    });

    describe("pin", () => {
      it("answers each key's size up front and streams exactly those bytes", async () => {
        const keys = [0, 1, 2].map(() => pngKey());
        for (const [i, k] of keys.entries()) await store.put(k, pattern(1000 + i, i));
        const pins = await store.pin(keys);
        expect(pins.sizes).toEqual([1000, 1001, 1002]);
        for (const i of [2, 0, 1]) expect(sha(await readNode(pins.nodeStream(i)))).toBe(sha(pattern(1000 + i, i)));
        await pins.release();
        await pins.release(); // idempotent
        await Promise.all(keys.map((k) => store.delete(k)));
      });

      it("reports a key absent at pin time as null and refuses to stream it", async () => {
        const there = assetFileKey(newId("ast"), "image/webp");
        await store.put(there, bytes(5, 1));
        const pins = await store.pin([pngKey(), there]);
        expect(pins.sizes).toEqual([null, 5]);
        expect(() => pins.nodeStream(0)).toThrow();
        await pins.release();
        await store.delete(there);
      });

      it("never serves other bytes than pinned: a key deleted or replaced meanwhile gives those or an error", async () => {
        const keys = [0, 1, 2].map(() => pngKey());
        for (const [i, k] of keys.entries()) await store.put(k, pattern(5000, i));
        const pins = await store.pin(keys);
        await store.delete(keys[0]);
        await store.put(keys[1], pattern(5000, 99)); // same size, other bytes
        await store.put(keys[2], pattern(7, 98));
        for (const i of [0, 1, 2]) {
          const got = await readNode(pins.nodeStream(i)).catch((err: Error) => err);
          if (!(got instanceof Error)) expect(sha(got), String(i)).toBe(sha(pattern(5000, i)));
        }
        await pins.release();
        await Promise.all(keys.map((k) => store.delete(k)));
      });

      it("pins nothing for no keys", async () => {
        const pins = await store.pin([]);
        expect(pins.sizes).toEqual([]);
        await pins.release();
      });
    });
  });
}
