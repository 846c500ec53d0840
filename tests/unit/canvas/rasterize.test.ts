import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MaskHistory, maskRgba, rasterizeCoverage } from "@/lib/canvas";

describe("mask rasterizing", () => {
  it("makes painted pixels alpha 0 and the rest 255, at the source's size", async () => {
    const h = new MaskHistory();
    h.beginStroke("brush", 4, 2, 5);
    h.extendStroke(17, 5);
    h.endStroke();
    const rgba = maskRgba(h.strokes, 20, 10);
    expect(rgba.length).toBe(20 * 10 * 4);
    const alpha = (x: number, y: number) => rgba[(y * 20 + x) * 4 + 3];
    expect(alpha(10, 5)).toBe(0); // on the stroke
    expect(alpha(10, 4)).toBe(0); // within the radius
    expect(alpha(10, 8)).toBe(255); // below it
    expect(alpha(0, 0)).toBe(255);
    expect(alpha(19, 9)).toBe(255);
    // As a PNG it keeps its size and alpha channel.
    const png = await sharp(Buffer.from(rgba), { raw: { width: 20, height: 10, channels: 4 } })
      .png()
      .toBuffer();
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([20, 10, true]);
  });

  it("lets the eraser give pixels back, in stroke order", () => {
    const h = new MaskHistory();
    h.beginStroke("brush", 10, 0, 5);
    h.extendStroke(20, 5);
    h.endStroke();
    h.beginStroke("eraser", 4, 10, 0);
    h.extendStroke(10, 10);
    h.endStroke();
    const cov = rasterizeCoverage(h.strokes, 20, 10);
    expect(cov[5 * 20 + 4]).toBe(1);
    expect(cov[5 * 20 + 10]).toBe(0);
    expect(cov[5 * 20 + 16]).toBe(1);
  });

  it("paints a dot for a single click and clips strokes at the edges", () => {
    const h = new MaskHistory();
    h.beginStroke("brush", 6, 0, 0);
    h.endStroke();
    const cov = rasterizeCoverage(h.strokes, 8, 8);
    expect(cov[0]).toBe(1);
    expect(cov[7 * 8 + 7]).toBe(0);
  });
});
