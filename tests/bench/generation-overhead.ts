/**
 * Studio overhead per generation: a job through the studio (validate, queue, provider, save file +
 * thumbnail + row, status) vs calling the simulator directly, both at the same fixed simulator latency.
 */
import fs from "node:fs";
import { benchDataDir, percentile } from "./support";

const RUNS = Number(process.env.BENCH_OVERHEAD_RUNS ?? 10);
const LATENCY = Number(process.env.BENCH_OVERHEAD_LATENCY_MS ?? 2000);
const BODY = {
  model: "gpt-image-2",
  prompt: "white-background product photo of a ceramic mug",
  size: "1024x1024",
  quality: "low",
};

async function main() {
  const { dir, projectId } = await benchDataDir("overhead");
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: LATENCY });
  process.env.SIMULATOR_ORIGIN = sim.origin;
  (await import("@/lib/env")).resetEnv();
  const { createGeneration, findGeneration } = await import("@/lib/generations");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");

  const direct: number[] = [];
  const studio: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let s = performance.now();
    const res = await fetch(`${sim.origin}/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${SIMULATOR_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(BODY),
    });
    const json = (await res.json()) as { data: { b64_json: string }[] };
    Buffer.from(json.data[0].b64_json, "base64");
    direct.push(performance.now() - s);

    s = performance.now();
    const g = await createGeneration(ADMIN_TOKEN_ACTOR, projectId, {
      model: BODY.model,
      operation: "generate",
      prompt: BODY.prompt,
      params: { size: BODY.size, quality: BODY.quality },
    });
    for (;;) {
      const cur = await findGeneration(projectId, g.id);
      if (cur.status !== "queued" && cur.status !== "running") {
        if (cur.status !== "succeeded") throw new Error(`generation ${cur.status}: ${cur.error?.message}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    studio.push(performance.now() - s);
  }
  await sim.close();
  const d = [...direct].sort((a, b) => a - b);
  const st = [...studio].sort((a, b) => a - b);
  const dm = percentile(d, 50);
  const sm = percentile(st, 50);
  console.log(`generation overhead: ${RUNS} runs each, simulator latency ${LATENCY} ms, 1024² PNG`);
  console.log(`  direct to simulator  p50 ${dm.toFixed(0)} ms`);
  console.log(
    `  through the studio   p50 ${sm.toFixed(0)} ms  (+${(sm - dm).toFixed(0)} ms: validate, queue, save file + thumbnail + row, poll)`,
  );
  console.log(`  overhead ratio studio / direct = ${(sm / dm).toFixed(3)}  (goal ≤ 1.03)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
