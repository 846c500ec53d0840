import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webStreamOf } from "@/lib/storage/web-stream";

const escaped: unknown[] = [];
const onEscape = (err: unknown) => escaped.push(err);
beforeAll(() => process.on("uncaughtException", onEscape));
afterAll(() => process.off("uncaughtException", onEscape));
const settle = () => new Promise((r) => setTimeout(r, 30));

describe("webStreamOf", () => {
  it("passes every byte through in order and ends with the source", async () => {
    const parts = [Buffer.from("ab"), Buffer.alloc(10_000, 1), Buffer.from("z")];
    const got = Buffer.from(await new Response(webStreamOf(Readable.from(parts))).arrayBuffer());
    expect(got.equals(Buffer.concat(parts))).toBe(true);
  });

  it("survives a cancel right after a pull (Readable.toWeb throws an uncaughtException there on Node 20)", async () => {
    const source = new PassThrough();
    source.write(Buffer.alloc(10));
    const web = webStreamOf(source);
    await new Promise<void>((r) => queueMicrotask(r));
    await web.cancel();
    source.write(Buffer.alloc(10));
    await settle();
    expect(source.destroyed).toBe(true);
    expect(escaped).toEqual([]);
  });

  it("fails the stream on a source error, and on a source destroyed before its end", async () => {
    const failing = new PassThrough();
    const reader = webStreamOf(failing).getReader();
    failing.write(Buffer.from("x"));
    expect((await reader.read()).value).toEqual(new Uint8Array([120]));
    failing.destroy(new Error("EIO"));
    await expect(reader.read()).rejects.toThrow("EIO");

    const cut = new PassThrough();
    const cutReader = webStreamOf(cut).getReader();
    cut.destroy();
    await expect(cutReader.read()).rejects.toThrow(/closed before its end/);
    await settle();
    expect(escaped).toEqual([]);
  });

  it("pauses the source while the reader does not read (bounded queue)", async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 1 << 20;
        this.push(Buffer.alloc(1 << 20));
      },
    });
    const reader = webStreamOf(source).getReader();
    await reader.read();
    await settle();
    expect(produced).toBeLessThan(8 << 20);
    await reader.cancel();
  });

  it("copies small chunks (they may share Node's Buffer pool) and passes large ones without a copy", async () => {
    const small = Buffer.from("tiny");
    const large = Buffer.alloc(64 * 1024, 2);
    const reader = webStreamOf(Readable.from([small, large])).getReader();
    const a = (await reader.read()).value!;
    const b = (await reader.read()).value!;
    expect(a.buffer).not.toBe(small.buffer);
    expect(b.buffer).toBe(large.buffer);
    expect((await reader.read()).done).toBe(true);
  });
});
