import { maskRgba, type Stroke } from "@/lib/canvas";

/**
 * The mask as the upstream wants it: a PNG at the source image's own pixel size, painted pixels fully
 * transparent, the rest opaque. Rasterized by the pure module (the same code the unit tests check),
 * encoded by the browser's canvas.
 */
export async function maskPng(strokes: readonly Stroke[], width: number, height: number): Promise<Blob> {
  const rgba = maskRgba(strokes, width, height);
  const data = new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer), width, height);
  if (typeof OffscreenCanvas !== "undefined") {
    const c = new OffscreenCanvas(width, height);
    c.getContext("2d")!.putImageData(data, 0, 0);
    return c.convertToBlob({ type: "image/png" });
  }
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  c.getContext("2d")!.putImageData(data, 0, 0);
  return new Promise((resolve, reject) =>
    c.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
