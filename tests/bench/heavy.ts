/**
 * Heavy image work vs everyone else (issue #13 item 6): the worst event-loop stall (a 1 ms interval
 * probe, max gap) during a local cutout of a 6000² photo and during the thumbnail + inspect of a large
 * upload.
 */
import sharp from "sharp";
import { benchDataDir } from "./support";

const CUTOUT_EDGE = Number(process.env.BENCH_HEAVY_CUTOUT_EDGE ?? 6000);

/** The longest the event loop was blocked (ms) while `fn` ran, and how long `fn` took. */
async function worstStall(fn: () => Promise<unknown>): Promise<{ stall: number; ms: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const s = performance.now();
  await fn();
  const ms = performance.now() - s;
  clearInterval(timer);
  worst = Math.max(worst, performance.now() - last);
  return { stall: worst, ms };
}

/** A product photo: a red box on a light grey ground, `edge`². */
async function productPhoto(edge: number): Promise<Buffer> {
  const pw = Math.round(edge * 0.55);
  const ph = Math.round(edge * 0.65);
  const product = await sharp({ create: { width: pw, height: ph, channels: 3, background: "#b42d4a" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: edge, height: edge, channels: 3, background: "#f7f7f7" } })
    .composite([{ input: product, left: Math.round((edge - pw) / 2), top: Math.round((edge - ph) / 2) }])
    .png()
    .toBuffer();
}

/** A ~50 MB PNG upload (noise does not compress): 4096² RGB. */
export async function bigUpload(edge = 4096): Promise<Buffer> {
  return sharp({
    create: {
      width: edge,
      height: edge,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

async function main() {
  await benchDataDir("heavy");
  const { localCutout, localCutoutParamsSchema } = await import("@/lib/cutout/local-cutout");
  const { makeThumb } = await import("@/lib/assets/save-asset");
  const { inspectImage } = await import("@/lib/assets/inspect-image");

  const photo = await productPhoto(CUTOUT_EDGE);
  const params = localCutoutParamsSchema.parse({ tolerance: 15, feather: 2, grow: 1 });
  await localCutout(await productPhoto(512), params); // warm-up (and the worker pool, if any)
  const cut = await worstStall(() => localCutout(photo, params));
  console.log(
    `local cutout ${CUTOUT_EDGE}² (feather 2, grow 1): ${cut.ms.toFixed(0)} ms, worst event-loop stall ${cut.stall.toFixed(0)} ms`,
  );

  const upload = await bigUpload();
  const mb = (upload.length / 1024 / 1024).toFixed(1);
  const insp = await worstStall(() => inspectImage(upload, 40_000_000));
  const thumb = await worstStall(() => makeThumb(upload));
  console.log(
    `upload ${mb} MB PNG 4096²: inspect ${insp.ms.toFixed(0)} ms (stall ${insp.stall.toFixed(0)} ms), thumbnail ${thumb.ms.toFixed(0)} ms (stall ${thumb.stall.toFixed(0)} ms)`,
  );
}

void main();
