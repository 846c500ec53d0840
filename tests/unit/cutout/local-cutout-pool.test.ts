import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { borderColour, floodBackground } from "@/lib/cutout/mask-ops";
import { localCutout, localCutoutParamsSchema, type LocalCutoutParams } from "@/lib/cutout/local-cutout";
import { pixelPoolStatus, resetPixelPoolForTests } from "@/lib/workers/pool";

/** The cutout as it ran before the pool: every pixel loop in-process, on sharp's own buffer. */
async function reference(input: Uint8Array, p: LocalCutoutParams): Promise<Buffer> {
  const { data, info } = await sharp(input).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  const isBg = floodBackground(data, w, h, borderColour(data, w, h), Math.round(p.tolerance * 2.55));
  const mask = Buffer.alloc(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = isBg[i] ? 0 : data[i * 4 + 3];
  const raw = { raw: { width: w, height: h, channels: 1 as const } };
  let alpha = mask;
  if (p.grow > 0) alpha = await sharp(alpha, raw).erode(p.grow).extractChannel(0).raw().toBuffer();
  if (p.grow < 0) alpha = await sharp(alpha, raw).dilate(-p.grow).extractChannel(0).raw().toBuffer();
  if (p.feather > 0) alpha = await sharp(alpha, raw).blur(Math.max(0.3, p.feather)).extractChannel(0).raw().toBuffer();
  for (let i = 0; i < alpha.length; i++) data[i * 4 + 3] = alpha[i];
  let img = sharp(data, { raw: { width: w, height: h, channels: 4 } });
  if (p.background === "white") img = img.flatten({ background: "#ffffff" });
  return img.png().toBuffer();
}

async function photo(): Promise<Buffer> {
  const product = await sharp({ create: { width: 180, height: 140, channels: 3, background: "#2d6ab4" } })
    .composite([
      {
        input: await sharp({ create: { width: 30, height: 30, channels: 3, background: "#fafafa" } })
          .png()
          .toBuffer(),
        left: 70,
        top: 50,
      },
    ])
    .png()
    .toBuffer();
  return sharp({ create: { width: 320, height: 240, channels: 3, background: "#f4f4f4" } })
    .composite([{ input: product, left: 60, top: 40 }])
    .png()
    .toBuffer();
}

const CASES: Partial<LocalCutoutParams>[] = [
  {},
  { tolerance: 5, feather: 0, grow: 0 },
  { tolerance: 30, feather: 3, grow: 2 },
  { tolerance: 15, feather: 1, grow: -3, background: "white" },
];

afterEach(() => resetPixelPoolForTests());

describe("local cutout on the worker pool", () => {
  it("gives the same bytes as the in-process cutout did, on workers and in-process alike", async () => {
    const input = await photo();
    for (const c of CASES) {
      const p = localCutoutParamsSchema.parse(c);
      const want = await reference(input, p);
      await resetPixelPoolForTests();
      const pooled = await localCutout(input, p);
      expect(pixelPoolStatus()).toMatchObject({ inProcess: false });
      expect(pixelPoolStatus().workers).toBeGreaterThan(0);
      await resetPixelPoolForTests(null);
      const inProcess = await localCutout(input, p);
      expect(pixelPoolStatus()).toEqual({ inProcess: true, workers: 0 });
      expect(Buffer.compare(pooled, want)).toBe(0);
      expect(Buffer.compare(inProcess, want)).toBe(0);
    }
  });

  it("falls back to in-process, logging once, when the worker entry cannot load", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await resetPixelPoolForTests(new URL("./no-such-worker.mjs", import.meta.url));
    const input = await photo();
    const p = localCutoutParamsSchema.parse({ feather: 2 });
    const [a, b] = await Promise.all([localCutout(input, p), localCutout(input, p)]);
    expect(Buffer.compare(a, await reference(input, p))).toBe(0);
    expect(Buffer.compare(b, a)).toBe(0);
    expect(pixelPoolStatus().inProcess).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/pixel worker pool unavailable/);
    warn.mockRestore();
  });

  it("still refuses an image that is all background", async () => {
    const plain = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    await expect(localCutout(plain, localCutoutParamsSchema.parse({}))).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});
