import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assetFileKey, storage } from "@/lib/storage";
import { StagingArea, cleanStaging } from "@/lib/storage/staging";
import { newId } from "@/lib/ids";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { onLocalDisk } from "@/tests/helpers/stored";

const data = withTempDataDir();
const stagingRoot = () => path.join(data.dir, "files", ".staging");

describe("upload staging", () => {
  it("writes chunks as they come, counting and hashing them", async () => {
    const area = await StagingArea.open();
    const chunks = [Buffer.from("hello "), Buffer.from("staged "), Buffer.from("world")];
    async function* gen() {
      for (const c of chunks) yield c;
    }
    const f = await area.write("0", gen());
    expect(f.bytes).toBe(18);
    expect(f.sha256).toBe(createHash("sha256").update(Buffer.concat(chunks)).digest("hex"));
    expect(path.dirname(path.dirname(f.path))).toBe(stagingRoot());
    expect((await area.read(f)).toString()).toBe("hello staged world");
    await area.dispose();
    expect(fs.existsSync(area.dir)).toBe(false);
    await area.dispose(); // idempotent
  });

  it("promotes staged files to their keys (local disk: a rename, leaving nothing staged; S3: a put)", async () => {
    const area = await StagingArea.open();
    const f = await area.write("0", [new Uint8Array([137, 80, 78, 71])]);
    const key = assetFileKey(newId("ast"), "image/png");
    await area.promote([{ file: f, key }]);
    expect([...(await storage().read(key))]).toEqual([137, 80, 78, 71]);
    // The staging area is local on both stores: on S3 the staged copy stays until dispose() removes it.
    expect(fs.readdirSync(area.dir)).toEqual(onLocalDisk() ? [] : ["0"]);
    await area.dispose();
    expect(fs.existsSync(area.dir)).toBe(false);
    expect([...(await storage().read(key))]).toEqual([137, 80, 78, 71]);
    await storage().delete(key);
  });

  it("refuses names that could leave its directory, and keys that are not storage keys", async () => {
    const area = await StagingArea.open();
    for (const name of ["../x", "a/b", "", ".hidden", "A"]) await expect(area.write(name, [])).rejects.toThrow();
    const f = await area.write("1", [new Uint8Array([1])]);
    await expect(area.promote([{ file: f, key: "../../etc/passwd" }])).rejects.toThrow(/invalid storage key/);
    await area.dispose();
  });

  it("cleanStaging removes every batch and counts its files", async () => {
    const a = await StagingArea.open();
    const b = await StagingArea.open();
    await a.write("0", [new Uint8Array(10)]);
    await a.write("0.thumb", [new Uint8Array(10)]);
    await b.write("0", [new Uint8Array(10)]);
    expect(await cleanStaging()).toBe(3);
    expect(fs.readdirSync(stagingRoot())).toEqual([]);
    expect(await cleanStaging()).toBe(0);
  });
});
