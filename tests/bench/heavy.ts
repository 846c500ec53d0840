/**
 * Heavy image work vs everyone else (issue #13 item 6):
 * 1. one edit of 16 × ~47 MB inputs against the simulator: peak RSS (goal ≤ 1 GB), and the latency of
 *    `GET /api/models` handler calls made back to back while it runs (goal p99 ≤ 200 ms) — `editBench` in
 *    support.ts, shared with limits.ts. BENCH_HEAVY_SIM=child runs the simulator in its own process, so the
 *    studio's own RSS shows apart from the simulator's;
 * 2. the worst event-loop stall (a 1 ms interval probe, max gap) during a local cutout of a 6000² photo
 *    and during the inspect + thumbnail of a large upload.
 * The edit runs first, in a fresh process, so its RSS is not the cutout's.
 */
import sharp from "sharp";
import { benchDataDir, bigUpload, editBench } from "./support";

const CUTOUT_EDGE = Number(process.env.BENCH_HEAVY_CUTOUT_EDGE ?? 6000);
const ADMIN = "bench-admin-token-0123456789abcdefghijklmnop";

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

async function main() {
  process.env.STUDIO_ADMIN_TOKEN = ADMIN;
  const { projectId } = await benchDataDir("heavy");
  if (process.env.BENCH_HEAVY_EDIT !== "0") await editBench(projectId, { adminToken: ADMIN });
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
    `upload ${mb} MB PNG 3950²: inspect ${insp.ms.toFixed(0)} ms (stall ${insp.stall.toFixed(0)} ms), thumbnail ${thumb.ms.toFixed(0)} ms (stall ${thumb.stall.toFixed(0)} ms)`,
  );
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
