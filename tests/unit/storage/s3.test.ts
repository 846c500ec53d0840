import { S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/ids";
import { previewKey } from "@/lib/storage";
import { S3Store, type S3StoreOptions } from "@/lib/storage/s3";
import { startS3rver, type S3rverHandle } from "@/tests/helpers/s3rver";
import { blobStoreContract, failure, pattern, pngKey, readNode, readWeb, sha } from "./blob-store-contract";

let s3: S3rverHandle;
const spoolRoot = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-spool-test-"));
const stores: S3Store[] = [];

beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  for (const s of stores) s.destroy();
  await s3?.close();
  fs.rmSync(spoolRoot, { recursive: true, force: true });
});

const clientFor = (o: Partial<{ accessKeyId: string; secretAccessKey: string }> = {}) =>
  new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: {
      accessKeyId: o.accessKeyId ?? s3.accessKeyId,
      secretAccessKey: o.secretAccessKey ?? s3.secretAccessKey,
    },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

/** A store of its own (a fresh prefix, a fresh spool folder) on the shared s3rver. */
function s3Store(o: Partial<S3StoreOptions> = {}): { store: S3Store; prefix: string; spoolDir: string } {
  const prefix = `t-${randomBytes(4).toString("hex")}/`;
  const spoolDir = path.join(spoolRoot, prefix);
  const store = new S3Store({
    bucket: s3.bucket,
    prefix,
    endpoint: s3.endpoint,
    region: "us-east-1",
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    spoolDir,
    ...o,
  });
  stores.push(store);
  return { store, prefix, spoolDir };
}

/** Names of the commands a client sends, in order. */
function recordCommands(client: S3Client): string[] {
  const names: string[] = [];
  const send = client.send.bind(client);
  vi.spyOn(client, "send").mockImplementation(((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    names.push(command.constructor.name.replace(/Command$/, ""));
    return (send as (...a: unknown[]) => unknown)(command, ...rest);
  }) as typeof client.send);
  return names;
}

blobStoreContract("S3Store on s3rver", async () => ({ store: s3Store().store, cleanup: async () => undefined }));

describe("S3Store: writes", () => {
  it("puts a small body in one PutObject, and a body past the threshold as a multipart upload, byte-exact", async () => {
    const client = clientFor();
    const sent = recordCommands(client);
    const { store } = s3Store({ client });
    const small = pngKey();
    await store.put(small, pattern(1000));
    expect(sent).toEqual(["PutObject"]);

    const big = pngKey();
    const data = pattern(20 * 1024 * 1024 + 5, 7);
    sent.length = 0;
    await store.put(big, data);
    expect(sent.filter((n) => n === "UploadPart")).toHaveLength(3); // 8 + 8 + 4 MiB
    expect(sent).toContain("CreateMultipartUpload");
    expect(sent).toContain("CompleteMultipartUpload");
    expect(sent).not.toContain("PutObject");

    expect(await store.size(big)).toBe(data.length);
    expect(sha(await store.read(big))).toBe(sha(data));
    expect(sha(await readWeb(store.stream(big)))).toBe(sha(data));
    const pins = await store.pin([big]);
    expect(sha(await readNode(pins.nodeStream(0)))).toBe(sha(data));
    await pins.release();
    await store.delete(big);
    await store.delete(small);
    client.destroy();
  });

  it("keeps keys under its prefix, and lists them without it", async () => {
    const { store, prefix } = s3Store();
    const key = pngKey();
    await store.put(key, pattern(10));
    expect(fs.existsSync(path.join(s3.directory, s3.bucket, prefix, "assets"))).toBe(true);
    expect(await store.list("assets/")).toEqual([key]);
    const other = s3Store().store;
    expect(await other.list("assets/")).toEqual([]);
    expect(await other.size(key)).toBeNull();
  });
});

describe("S3Store: one version per open and pin", () => {
  it("open serves the version it opened, whole, when the key is replaced before the read", async () => {
    const { store } = s3Store();
    const key = pngKey();
    const first = pattern(3 * 1024 * 1024, 1);
    await store.put(key, first);
    const opened = (await store.open(key))!;
    await store.put(key, pattern(3 * 1024 * 1024, 2));
    expect(opened.size).toBe(first.length);
    expect(sha(await readWeb(opened.stream()))).toBe(sha(first));
    expect(sha(await store.read(key))).toBe(sha(pattern(3 * 1024 * 1024, 2)));
  });

  it("a pinned key deleted or replaced (even by bytes of the same size) errors, never serves other bytes", async () => {
    const { store } = s3Store();
    const keys = [0, 1, 2, 3, 4].map(() => pngKey());
    for (const [i, k] of keys.entries()) await store.put(k, pattern(4000, i));
    const pins = await store.pin(keys);
    expect(pins.sizes).toEqual([4000, 4000, 4000, 4000, 4000]);
    await store.delete(keys[0]);
    await store.put(keys[1], pattern(4000, 50)); // same size: only the ETag tells
    await store.put(keys[2], pattern(10, 51));
    await store.put(keys[3], pattern(4000, 3)); // the same bytes again: the same version
    await expect(readNode(pins.nodeStream(0))).rejects.toThrow(/changed after it was pinned/);
    await expect(readNode(pins.nodeStream(1))).rejects.toThrow(/changed after it was pinned/);
    await expect(readNode(pins.nodeStream(2))).rejects.toThrow(/changed after it was pinned/);
    expect(sha(await readNode(pins.nodeStream(3)))).toBe(sha(pattern(4000, 3)));
    expect(sha(await readNode(pins.nodeStream(4)))).toBe(sha(pattern(4000, 4)));
    await pins.release();
    expect(() => pins.nodeStream(4)).toThrow(/released/);
  });

  it("pins many keys with a bounded number of HeadObject requests in flight", async () => {
    const client = clientFor();
    const { store } = s3Store({ client, headConcurrency: 4 });
    const keys = Array.from({ length: 40 }, () => pngKey());
    await Promise.all(keys.map((k, i) => store.put(k, pattern(100 + i))));
    let inFlight = 0;
    let most = 0;
    const send = client.send.bind(client);
    vi.spyOn(client, "send").mockImplementation((async (...args: unknown[]) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await (send as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        inFlight--;
      }
    }) as typeof client.send);
    const pins = await store.pin(keys);
    expect(pins.sizes).toEqual(keys.map((_, i) => 100 + i));
    expect(most).toBe(4);
    client.destroy();
  });
});

/** A client whose GetObject answers `body` under a Content-Length of `announced`. */
function lyingClient(announced: number, body: Buffer): S3Client {
  return {
    send: async () => ({ Body: Readable.from([body]), ContentLength: announced, ETag: '"e"' }),
    destroy: () => undefined,
  } as unknown as S3Client;
}

describe("S3Store: exact lengths", () => {
  it("fails a body shorter or longer than its Content-Length instead of passing it on", async () => {
    for (const body of [Buffer.alloc(5, 1), Buffer.alloc(15, 1)]) {
      const { store } = s3Store({ client: lyingClient(10, body) });
      const key = pngKey();
      await expect(store.read(key)).rejects.toThrow(/bytes/);
      await expect(readWeb(store.stream(key))).rejects.toThrow(/bytes/);
      const opened = (await store.open(key))!;
      expect(opened.size).toBe(10);
      await expect(readWeb(opened.stream())).rejects.toThrow(/bytes/);
    }
  });
});

describe("S3Store: listing", () => {
  it("pages through more than 1000 keys (ListObjectsV2 continuation)", async () => {
    const client = clientFor();
    const { store, prefix } = s3Store({ client });
    const gen = newId("gen");
    const keys = Array.from({ length: 1001 }, (_, i) =>
      previewKey(`${gen.slice(0, -4)}${String(i).padStart(4, "0")}`, 0, "image/png"),
    );
    s3.seed(keys.map((k) => ({ key: prefix + k, body: new Uint8Array([1]) })));
    expect(await store.size(keys[1000])).toBe(1);
    const sent = recordCommands(client);
    const listed = await store.list("previews/");
    expect(sent).toEqual(["ListObjectsV2", "ListObjectsV2"]);
    expect(listed.sort()).toEqual([...keys].sort());
    sent.length = 0;
    const small = s3Store({ client, listPageSize: 3 });
    s3.seed(keys.slice(0, 7).map((k) => ({ key: small.prefix + k, body: new Uint8Array([1]) })));
    expect((await small.store.listEntries("previews/")).map((e) => e.key).sort()).toEqual(keys.slice(0, 7).sort());
    expect(sent).toEqual(["ListObjectsV2", "ListObjectsV2", "ListObjectsV2"]);
    client.destroy();
  });

  it("listEntries gives LastModified", async () => {
    const { store } = s3Store();
    const key = pngKey();
    await store.put(key, new Uint8Array([1]));
    const [entry] = await store.listEntries("assets/");
    expect(entry.key).toBe(key);
    expect(Math.abs(entry.modifiedMs - Date.now())).toBeLessThan(5000);
  });
});

describe("S3Store.blob: spooled to a temp file", () => {
  const spoolFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

  it("spools once per version, and the Blob keeps that version after a replace or delete of the key", async () => {
    const client = clientFor();
    const sent = recordCommands(client);
    const { store, spoolDir } = s3Store({ client });
    const key = pngKey();
    const data = pattern(2 * 1024 * 1024, 4);
    await store.put(key, data);
    sent.length = 0;
    const a = (await store.blob(key, "image/png"))!;
    const b = (await store.blob(key, "image/png"))!;
    expect(sent.filter((n) => n === "GetObject")).toHaveLength(1);
    expect(spoolFiles(spoolDir)).toHaveLength(1);
    expect(fs.statSync(spoolDir).mode & 0o777).toBe(0o700);
    expect(a.size).toBe(data.length);

    await store.put(key, pattern(100, 5));
    const c = (await store.blob(key, "image/png"))!;
    expect(c.size).toBe(100);
    await store.delete(key);
    expect(sha(new Uint8Array(await a.arrayBuffer()))).toBe(sha(data));
    expect(sha(new Uint8Array(await b.arrayBuffer()))).toBe(sha(data));
    expect(sha(new Uint8Array(await c.arrayBuffer()))).toBe(sha(pattern(100, 5)));
    expect(await store.blob(key, "image/png")).toBeNull();
    client.destroy();
  });

  it("reads the new version when the key is replaced between its HeadObject and GetObject", async () => {
    const client = clientFor();
    const { store } = s3Store({ client });
    const key = pngKey();
    await store.put(key, pattern(500, 1));
    const send = client.send.bind(client);
    let replaced = false;
    vi.spyOn(client, "send").mockImplementation((async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === "GetObjectCommand" && !replaced) {
        replaced = true;
        await store.put(key, pattern(600, 2));
      }
      return (send as (c: unknown) => Promise<unknown>)(command);
    }) as typeof client.send);
    const blob = (await store.blob(key, "image/png"))!;
    expect(replaced).toBe(true);
    expect(sha(new Uint8Array(await blob.arrayBuffer()))).toBe(sha(pattern(600, 2)));
    client.destroy();
  });

  it("removes a spool file once its time is up (the next blob() sweeps), and a failed download leaves none", async () => {
    const { store, spoolDir } = s3Store({ spoolTtlMs: 50 });
    const key = pngKey();
    await store.put(key, pattern(1000));
    await store.blob(key, "image/png");
    expect(spoolFiles(spoolDir)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    const other = pngKey();
    await store.put(other, pattern(10));
    await store.blob(other, "image/png");
    await vi.waitFor(() => expect(spoolFiles(spoolDir)).toHaveLength(1));

    const lying = s3Store({ client: lyingClient(10, Buffer.alloc(3)), spoolDir });
    expect((await failure(() => lying.store.blob(pngKey(), "image/png"))).message).toMatch(/3 of 10 bytes/);
    expect(spoolFiles(spoolDir).filter((n) => n.endsWith(".part"))).toEqual([]);
  });

  it("cleanTemp removes leftovers of ended processes, never this process's files still in their time", async () => {
    const { store, spoolDir } = s3Store();
    const key = pngKey();
    await store.put(key, pattern(10));
    const blob = (await store.blob(key, "image/png"))!;
    const leftover = path.join(spoolDir, "999999999-deadbeef-0123.blob");
    fs.writeFileSync(leftover, "x");
    const past = new Date(Date.now() - 1000);
    fs.utimesSync(leftover, past, past);
    // s3rver has no ListMultipartUploads (NotImplemented): tolerated.
    expect(await store.cleanTemp()).toBe(1);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(spoolFiles(spoolDir)).toHaveLength(1);
    expect((await blob.arrayBuffer()).byteLength).toBe(10);
  });
});

describe("S3Store.cleanTemp: stale multipart uploads", () => {
  it("aborts uploads under its prefix older than asked (never younger than minUploadAgeMs), every page", async () => {
    const now = Date.now();
    const hour = 3_600_000;
    const aborted: string[] = [];
    const pages = [
      {
        Uploads: [
          { Key: "p/assets/a.png", UploadId: "old-1", Initiated: new Date(now - 3 * hour) },
          { Key: "p/assets/b.png", UploadId: "young", Initiated: new Date(now - 60_000) },
        ],
        IsTruncated: true,
        NextKeyMarker: "p/assets/b.png",
        NextUploadIdMarker: "young",
      },
      { Uploads: [{ Key: "p/assets/c.png", UploadId: "old-2", Initiated: new Date(now - 2 * hour) }] },
    ];
    const seen: { Prefix?: string; KeyMarker?: string }[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, string> }) => {
        if (command.constructor.name === "ListMultipartUploadsCommand") {
          seen.push(command.input);
          return command.input.KeyMarker ? pages[1] : pages[0];
        }
        if (command.constructor.name === "AbortMultipartUploadCommand") {
          aborted.push(command.input.UploadId);
          return {};
        }
        throw new Error(`unexpected ${command.constructor.name}`);
      },
      destroy: () => undefined,
    } as unknown as S3Client;
    const store = new S3Store({ bucket: "b", prefix: "p/", client, spoolDir: path.join(spoolRoot, "mpu") });
    expect(await store.cleanTemp(0)).toBe(2);
    expect(aborted).toEqual(["old-1", "old-2"]);
    expect(seen.map((s) => [s.Prefix, s.KeyMarker])).toEqual([
      ["p/", undefined],
      ["p/", "p/assets/b.png"],
    ]);
    aborted.length = 0;
    expect(await store.cleanTemp(150 * 60_000)).toBe(1); // 2.5 h: only the 3-hour-old one
    expect(aborted).toEqual(["old-1"]);
  });
});

describe("S3Store: failures", () => {
  it("check() passes for the bucket and fails for a missing one", async () => {
    await s3Store().store.check();
    const missing = new S3Store({ ...optionsOf(), bucket: "no-such-bucket" });
    stores.push(missing);
    await expect(missing.check()).rejects.toThrow(/no-such-bucket unreachable/);
  });

  it("never puts the secret key in an error or in the store's own description", async () => {
    const secret = `sekrit-${randomBytes(8).toString("hex")}`;
    // s3rver checks the key id, not the signature; a closed port fails before any answer.
    for (const o of [{ accessKeyId: "AKIDWRONG" }, { endpoint: "http://127.0.0.1:1" }]) {
      const store = new S3Store({ ...optionsOf(), ...o, secretAccessKey: secret });
      stores.push(store);
      expect(inspect(store, { depth: 10, showHidden: true })).not.toContain(secret);
      const errors = [
        await failure(() => store.check()),
        await failure(() => store.put(pngKey(), new Uint8Array([1]))),
        await failure(() => store.read(pngKey())),
        await failure(() => store.pin([pngKey()])),
      ];
      for (const err of errors) {
        expect(err.message).not.toContain(secret);
        expect(String(err.stack)).not.toContain(secret);
        expect(inspect(err, { depth: 10 })).not.toContain(secret);
      }
      expect(errors[0].message).toMatch(/unreachable/);
    }
  });
});

function optionsOf(): S3StoreOptions {
  return {
    bucket: s3.bucket,
    prefix: "t-shared/",
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    spoolDir: path.join(spoolRoot, "shared"),
  };
}
