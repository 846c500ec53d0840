/**
 * What the live catalog and one-time resolution cost per generation request, against the validation the
 * studio always did: building the catalog (builtin cards + gateway-listed ids + settings, availability,
 * replacements), the request check against it, and the key redactor over an error message.
 */
import { benchDataDir, percentile } from "./support";

const N = Number(process.env.BENCH_CATALOG_RUNS ?? 2000);

async function time(fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  return out.sort((a, b) => a - b);
}

const fmt = (xs: number[]) =>
  `p50 ${(percentile(xs, 50) * 1000).toFixed(1)} µs, p95 ${(percentile(xs, 95) * 1000).toFixed(1)} µs`;

async function main() {
  await benchDataDir("catalog");
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 });
  process.env.SIMULATOR_ORIGIN = sim.origin;
  (await import("@/lib/env")).resetEnv();
  const { currentCatalog, refreshLists } = await import("@/lib/catalog");
  const { validateGenerationRequest } = await import("@/lib/validation");
  const { redact } = await import("@/lib/providers/kit/redact");
  await refreshLists();
  const body = {
    model: "gpt-image-2",
    operation: "generate",
    prompt: "mug",
    params: { size: "1536x864", quality: "high", n: 2 },
  };

  const baseline = await time(() => void validateGenerationRequest(body));
  const catalog = await time(() => currentCatalog());
  const { resetLists } = await import("@/lib/catalog");
  const rebuilt = await time(async () => {
    resetLists(); // a new version: the whole catalog is built again
    await currentCatalog();
  });
  await refreshLists();
  const both = await time(async () => {
    validateGenerationRequest(body, (await currentCatalog()).lookup);
  });
  const message = `Incorrect API key provided: sk-live-9f8e7d6c5b4a39281706abcdef ${"x".repeat(400)}`;
  const redacting = await time(() => void redact(message, "sk-live-9f8e7d6c5b4a39281706abcdef"));
  console.log(`models in the catalog: ${(await currentCatalog()).models.length}`);
  console.log(`validation against the registry (the old path): ${fmt(baseline)}`);
  console.log(`the live catalog, cached: ${fmt(catalog)}; rebuilt: ${fmt(rebuilt)}`);
  console.log(
    `catalog + validation (the new path): ${fmt(both)}; ratio p50 ${(percentile(both, 50) / percentile(baseline, 50)).toFixed(1)}×`,
  );
  console.log(`redacting one 500-char error message (every key form): ${fmt(redacting)}`);
  await sim.close();
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
