import sharp from "sharp";

/** A real image of the given size and format: a coloured square on white (alpha when asked). */
export async function makeImage(
  width: number,
  height: number,
  format: "png" | "jpeg" | "webp" = "png",
  opts: { alpha?: boolean } = {},
): Promise<Buffer> {
  const background = opts.alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 255, g: 255, b: 255, alpha: 1 };
  const square = await sharp({
    create: {
      width: Math.max(1, width >> 1),
      height: Math.max(1, height >> 1),
      channels: 4,
      background: { r: 200, g: 40, b: 60, alpha: 1 },
    },
  })
    .png()
    .toBuffer();
  const img = sharp({ create: { width, height, channels: 4, background } }).composite([
    { input: square, gravity: "centre" },
  ]);
  return format === "png" ? img.png().toBuffer() : format === "jpeg" ? img.jpeg().toBuffer() : img.webp().toBuffer();
}

export function multipart(
  parts: { name: string; value: string | Buffer; filename?: string; type?: string }[],
): FormData {
  const form = new FormData();
  for (const p of parts) {
    if (typeof p.value === "string" && !p.filename) form.append(p.name, p.value);
    else
      form.append(
        p.name,
        new Blob([typeof p.value === "string" ? p.value : new Uint8Array(p.value)], {
          type: p.type ?? "application/octet-stream",
        }),
        p.filename ?? "file",
      );
  }
  return form;
}

/** A PNG of gaussian noise, `edge`² (noise does not compress: about 3 bytes a pixel), for large-body tests. */
export async function noisePng(edge: number): Promise<Buffer> {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 60 };
  return sharp({ create: { width: edge, height: edge, channels: 3, background: "#808080", noise } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
