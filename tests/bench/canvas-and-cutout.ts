/** Mask history at 1,000 strokes (undo/redo time, retained size), mask rasterizing at 4096², local cutout at 2048². */
import sharp from "sharp";
import { MaskHistory, maskRgba } from "@/lib/canvas";
import { percentile } from "./support";

function drawStrokes(h: MaskHistory, n: number, span: number) {
  for (let i = 0; i < n; i++) {
    h.beginStroke(i % 7 === 0 ? "eraser" : "brush", 24 + (i % 5) * 8, (i * 37) % span, (i * 91) % span);
    for (let k = 1; k <= 40; k++) h.extendStroke(((i * 37) % span) + k * 6, ((i * 91) % span) + Math.sin(k / 3) * 40);
    h.endStroke();
  }
}

async function main() {
  const h = new MaskHistory();
  const heap0 = process.memoryUsage().heapUsed;
  drawStrokes(h, 1000, 4000);
  global.gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const undo: number[] = [];
  const redo: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const s = performance.now();
    h.undo();
    undo.push(performance.now() - s);
  }
  for (let i = 0; i < 1000; i++) {
    const s = performance.now();
    h.redo();
    redo.push(performance.now() - s);
  }
  const points = h.strokes.reduce((n, s) => n + s.points.length / 2, 0);
  const u = undo.sort((a, b) => a - b);
  const r = redo.sort((a, b) => a - b);
  console.log(`mask history: 1000 strokes, ${points} points, ${h.undoDepth} entries`);
  console.log(
    `  undo p50 ${(percentile(u, 50) * 1000).toFixed(1)} µs  p95 ${(percentile(u, 95) * 1000).toFixed(1)} µs; redo p50 ${(percentile(r, 50) * 1000).toFixed(1)} µs  p95 ${(percentile(r, 95) * 1000).toFixed(1)} µs`,
  );
  console.log(
    `  retained ≈ ${((heap1 - heap0) / 1024).toFixed(0)} KiB for all strokes + history (${((heap1 - heap0) / 1000).toFixed(0)} B/stroke; one 2048² RGBA snapshot would be 16384 KiB)`,
  );

  const mask = new MaskHistory();
  drawStrokes(mask, 60, 4000);
  let s = performance.now();
  const rgba = maskRgba(mask.strokes, 4096, 4096);
  const rasterMs = performance.now() - s;
  s = performance.now();
  const png = await sharp(Buffer.from(rgba.buffer), { raw: { width: 4096, height: 4096, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  console.log(
    `mask rasterize 4096² (60 strokes): ${rasterMs.toFixed(0)} ms, PNG encode ${(performance.now() - s).toFixed(0)} ms (${(png.length / 1024).toFixed(0)} KiB)`,
  );

  const { localCutout, localCutoutParamsSchema } = await import("@/lib/cutout/local-cutout");
  const product = await sharp({ create: { width: 1200, height: 1400, channels: 3, background: "#b42d4a" } })
    .png()
    .toBuffer();
  const photo = await sharp({ create: { width: 2048, height: 2048, channels: 3, background: "#f7f7f7" } })
    .composite([{ input: product, left: 424, top: 324 }])
    .png()
    .toBuffer();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    s = performance.now();
    await localCutout(photo, localCutoutParamsSchema.parse({ tolerance: 15, feather: 2, grow: 1 }));
    times.push(performance.now() - s);
  }
  const t = times.sort((a, b) => a - b);
  console.log(
    `local cutout 2048² (feather 2, grow 1): p50 ${percentile(t, 50).toFixed(0)} ms, min ${t[0].toFixed(0)} ms`,
  );
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
