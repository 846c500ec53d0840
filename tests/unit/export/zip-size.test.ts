import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { storedZipSize, type StoredEntry } from "@/lib/export/zip-size";

type Spec = { name: string; size: number; streamed: boolean };

/** The archive yazl actually writes for these entries (stored, as the export writes them). */
async function written(specs: Spec[]): Promise<number> {
  const zip = new ZipFile();
  for (const s of specs) {
    const bytes = Buffer.alloc(s.size, 7);
    if (s.streamed)
      zip.addReadStreamLazy(s.name, { compress: false, size: s.size, mtime: new Date(0) }, (cb) =>
        cb(null, Readable.from([bytes])),
      );
    else zip.addBuffer(bytes, s.name, { compress: false, mtime: new Date(0) });
  }
  zip.end();
  let n = 0;
  for await (const chunk of zip.outputStream as unknown as Readable) n += (chunk as Buffer).length;
  return n;
}

/** yazl's own count (right below 64 KiB of central directory, where it agrees with its writer). */
function yazlCount(specs: Spec[]): Promise<number> {
  const zip = new ZipFile();
  // Sizes only: the data is never asked for beyond the first entry, and that one never answers.
  for (const s of specs)
    if (s.streamed) zip.addReadStreamLazy(s.name, { compress: false, size: s.size }, () => undefined);
    else zip.addBuffer(Buffer.alloc(s.size), s.name, { compress: false });
  return new Promise((resolve) =>
    (zip as unknown as { end(o: undefined, cb: (n: number) => void): void }).end(undefined, resolve),
  );
}

const entries = (specs: Spec[]): StoredEntry[] =>
  specs.map((s) => ({ nameBytes: Buffer.byteLength(s.name), size: s.size, streamed: s.streamed }));
const many = (n: number, size: number, streamed: boolean): Spec[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `${String(i).padStart(5, "0")}-generated-白底-${i}.png`,
    size,
    streamed,
  }));

describe("storedZipSize", () => {
  it("is the length yazl writes: empty, streamed and buffered entries, UTF-8 names, empty files", async () => {
    const cases: Spec[][] = [
      [],
      [{ name: "manifest.json", size: 10, streamed: false }],
      [
        { name: "0001-generated-白底产品图-陶瓷-mug-abcdefgh.png", size: 5000, streamed: true },
        { name: "0002-upload-x.jpg", size: 0, streamed: true },
        { name: "manifest.json", size: 300, streamed: false },
        { name: "manifest.csv", size: 0, streamed: false },
      ],
    ];
    for (const specs of cases) expect(storedZipSize(entries(specs))).toBe(await written(specs));
  });

  it("stays exact past 64 KiB of central directory, where yazl's own count is 76 bytes over", async () => {
    const specs = [...many(1000, 100, true), { name: "manifest.json", size: 50, streamed: false }];
    const actual = await written(specs);
    expect(storedZipSize(entries(specs))).toBe(actual);
    expect(await yazlCount(specs)).toBe(actual + 76);
  });

  // (65,535 entries and more also take the ZIP64 end records; writing that many through yazl takes ~20 s —
  // its writer scans the entry list from the start for each entry — so that branch is not exercised here.)
  it("counts ZIP64 fields for files and offsets past 4 GiB, as yazl does", async () => {
    const cases: Spec[][] = [
      [{ name: "big.png", size: 5 * 2 ** 30, streamed: true }],
      [
        { name: "a.png", size: 3 * 2 ** 30, streamed: true },
        { name: "b.png", size: 2 ** 30 + 12345, streamed: true },
        { name: "c.png", size: 99, streamed: true },
      ],
      [
        { name: "a.png", size: 0xfffffffe, streamed: true },
        { name: "b.png", size: 0xffffffff, streamed: true },
      ],
    ];
    for (const specs of cases) expect(storedZipSize(entries(specs))).toBe(await yazlCount(specs));
  });
});
