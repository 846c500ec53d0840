import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env, resetEnv } from "@/lib/env";
import { storage } from "@/lib/storage";
import { LocalDiskStore } from "@/lib/storage/local-disk";
import { S3Store } from "@/lib/storage/s3";
import { parseStorageUrl } from "@/lib/storage/s3-url";
import { startS3rver, type S3rverHandle } from "@/tests/helpers/s3rver";
import { pngKey } from "./blob-store-contract";

const saved = { ...process.env };
const S3_VARS = [
  "STORAGE_URL",
  "S3_ENDPOINT",
  "S3_REGION",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
] as const;
function setEnv(vars: Partial<Record<(typeof S3_VARS)[number] | "STUDIO_DATA_DIR", string>>) {
  for (const name of S3_VARS) delete process.env[name];
  Object.assign(process.env, vars);
  resetEnv();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnv();
});

describe("STORAGE_URL", () => {
  it("takes s3://bucket with an optional prefix", () => {
    expect(parseStorageUrl("s3://assets")).toEqual({ bucket: "assets", prefix: "" });
    expect(parseStorageUrl("s3://assets/")).toEqual({ bucket: "assets", prefix: "" });
    expect(parseStorageUrl("s3://my.assets-1/studio")).toEqual({ bucket: "my.assets-1", prefix: "studio/" });
    expect(parseStorageUrl(" s3://b12/studio/prod_2/ ")).toEqual({ bucket: "b12", prefix: "studio/prod_2/" });
  });

  it("refuses anything else", () => {
    for (const url of [
      "",
      "assets",
      "s3://",
      "s3:///x",
      "http://assets/x",
      "S3://assets",
      "s3://ab",
      "s3://Assets",
      "s3://under_score",
      "s3://-assets",
      "s3://a..b",
      `s3://${"a".repeat(64)}`,
      "s3://assets//x",
      "s3://assets/../x",
      "s3://assets/./x",
      "s3://assets/a b",
      "s3://assets/x?y=1",
      "s3://assets/x#y",
      "s3://user:pw@assets/x",
    ]) {
      expect(parseStorageUrl(url), url).toBeNull();
    }
  });

  it("env() names a bad STORAGE_URL and the rule, never its value", () => {
    setEnv({ STORAGE_URL: "s3://Bad_Bucket-sk-secret-123/x" });
    expect(() => env()).toThrow(/STORAGE_URL \(must be s3:\/\/bucket\[\/prefix\]/);
    expect(() => env()).toThrow(expect.objectContaining({ message: expect.not.stringContaining("sk-secret-123") }));
  });
});

describe("S3_* variables", () => {
  it("defaults: no S3 store, region us-east-1, virtual-host style", () => {
    setEnv({});
    expect(env().STORAGE_URL).toBeUndefined();
    expect(env()).toMatchObject({ S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false });
  });

  it("reads S3_FORCE_PATH_STYLE as true/false/1/0 and nothing else", () => {
    for (const [value, expected] of [
      ["true", true],
      ["1", true],
      ["false", false],
      ["0", false],
    ] as const) {
      setEnv({ S3_FORCE_PATH_STYLE: value });
      expect(env().S3_FORCE_PATH_STYLE, value).toBe(expected);
    }
    setEnv({ S3_FORCE_PATH_STYLE: "yes" });
    expect(() => env()).toThrow(/S3_FORCE_PATH_STYLE/);
  });

  it("wants an http(s) S3_ENDPOINT", () => {
    setEnv({ S3_ENDPOINT: "https://s3.example.com" });
    expect(env().S3_ENDPOINT).toBe("https://s3.example.com");
    setEnv({ S3_ENDPOINT: "ftp://s3.example.com" });
    expect(() => env()).toThrow(/S3_ENDPOINT \(must be an http\(s\) URL\)/);
  });

  it("wants the key id and the secret together, and never echoes the secret", () => {
    const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    setEnv({ STORAGE_URL: "s3://assets", S3_SECRET_ACCESS_KEY: secret });
    expect(() => env()).toThrow(/S3_ACCESS_KEY_ID \(S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together\)/);
    expect(() => env()).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
    setEnv({ STORAGE_URL: "s3://assets", S3_ACCESS_KEY_ID: "AKIDEXAMPLE" });
    expect(() => env()).toThrow(/S3_SECRET_ACCESS_KEY/);
    setEnv({ STORAGE_URL: "s3://assets", S3_ACCESS_KEY_ID: "AKIDEXAMPLE", S3_SECRET_ACCESS_KEY: secret });
    expect(env().S3_SECRET_ACCESS_KEY).toBe(secret);
  });
});

describe("storage()", () => {
  let s3: S3rverHandle;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-storage-pick-"));
  beforeAll(async () => {
    s3 = await startS3rver("atelier-pick");
  });
  afterAll(async () => {
    await s3?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("is the local disk under the data dir when STORAGE_URL is unset", () => {
    setEnv({ STUDIO_DATA_DIR: dataDir });
    const store = storage();
    expect(store).toBeInstanceOf(LocalDiskStore);
    expect(storage()).toBe(store);
  });

  it("is an S3Store of the bucket and prefix when STORAGE_URL is set", async () => {
    setEnv({
      STUDIO_DATA_DIR: dataDir,
      STORAGE_URL: "s3://atelier-pick/studio/one",
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: "1",
    });
    const store = storage();
    expect(store).toBeInstanceOf(S3Store);
    expect(storage()).toBe(store);
    const key = pngKey();
    await store.put(key, new Uint8Array([4, 2]));
    expect(fs.existsSync(path.join(s3.directory, "atelier-pick", "studio", "one", "assets"))).toBe(true);
    expect([...(await store.read(key))]).toEqual([4, 2]);
    await store.check();
    // blob() spools into the data dir (per-process scratch), not a machine-wide temp folder.
    const blob = await store.blob(key, "image/png");
    expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual([4, 2]);
    expect(fs.readdirSync(path.join(dataDir, "files", ".spool")).filter((n) => n.endsWith(".blob"))).toHaveLength(1);
    (store as S3Store).destroy();

    setEnv({ STUDIO_DATA_DIR: dataDir });
    expect(storage()).toBeInstanceOf(LocalDiskStore);
  });
});
