/**
 * Studio overhead per generation: a job through the studio (validate, queue, provider, save file + thumbnail +
 * row, announce) vs calling the simulator directly, at the same fixed simulator latency (1 s and 2 s). The
 * studio's time is measured the way the UI learns of the end: POST through the route handler, then the
 * project's event stream (`GET …/events`) until the job's final `generation` frame. The old path — polling
 * the job every 2 ms — is printed beside it for reference.
 */
import fs from "node:fs";
import { SseReader } from "@/tests/helpers/sse";
import { benchDataDir, percentile } from "./support";

const RUNS = Number(process.env.BENCH_OVERHEAD_RUNS ?? 10);
const LATENCIES = (process.env.BENCH_OVERHEAD_LATENCY_MS ?? "1000,2000").split(",").map(Number);
const TOKEN = "bench-overhead-admin-token-0123456789abcdef";
const BODY = {
  model: "gpt-image-2",
  prompt: "white-background product photo of a ceramic mug",
  size: "1024x1024",
  quality: "low",
};

async function main() {
  process.env.STUDIO_ADMIN_TOKEN = TOKEN;
  process.env.STUDIO_ALLOWED_HOSTS = "*";
  const { dir, projectId } = await benchDataDir("overhead");
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: LATENCIES[0] });
  process.env.SIMULATOR_ORIGIN = sim.origin;
  (await import("@/lib/env")).resetEnv();
  const { POST: post } = await import("@/app/api/projects/[projectId]/generations/route");
  const { GET: events } = await import("@/app/api/projects/[projectId]/events/route");
  const { createGeneration, findGeneration } = await import("@/lib/generations");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");
  const ctx = { params: Promise.resolve({ projectId }) };
  const auth = { authorization: `Bearer ${TOKEN}` };
  const base = `http://127.0.0.1/api/projects/${projectId}`;

  const stream = new SseReader(await events(new Request(`${base}/events`, { headers: auth }), ctx));
  await stream.until((f) => f.event === "ready");

  const direct = async () => {
    const s = performance.now();
    const res = await fetch(`${sim.origin}/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${SIMULATOR_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(BODY),
    });
    const json = (await res.json()) as { data: { b64_json: string }[] };
    Buffer.from(json.data[0].b64_json, "base64");
    return performance.now() - s;
  };
  const params = { size: BODY.size, quality: BODY.quality };
  const viaEvents = async () => {
    const s = performance.now();
    const res = await post(
      new Request(`${base}/generations`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ model: BODY.model, operation: "generate", prompt: BODY.prompt, params }),
      }),
      ctx,
    );
    const { generation } = (await res.json()) as { generation: { id: string } };
    const end = await stream.until(
      (f) =>
        f.event === "generation" &&
        (f.data as { id: string; finishedAt: string | null }).id === generation.id &&
        (f.data as { finishedAt: string | null }).finishedAt !== null,
      60_000,
    );
    const last = end.at(-1)!.data as { status: string };
    if (last.status !== "succeeded") throw new Error(`generation ${last.status}`);
    return performance.now() - s;
  };
  const viaPolling = async () => {
    const s = performance.now();
    const g = await createGeneration(ADMIN_TOKEN_ACTOR, projectId, {
      model: BODY.model,
      operation: "generate",
      prompt: BODY.prompt,
      params,
    });
    for (;;) {
      const cur = await findGeneration(projectId, g.id);
      if (cur.status !== "queued" && cur.status !== "running") {
        if (cur.status !== "succeeded") throw new Error(`generation ${cur.status}: ${cur.error?.message}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    return performance.now() - s;
  };

  for (const latency of LATENCIES) {
    sim.simulator.setLatency(latency);
    const d: number[] = [];
    const e: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      d.push(await direct());
      e.push(await viaEvents());
      p.push(await viaPolling());
    }
    const [dm, em, pm] = [d, e, p].map((xs) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      ),
    );
    console.log(`generation overhead: ${RUNS} runs each, simulator latency ${latency} ms, 1024² PNG`);
    console.log(`  direct to simulator        p50 ${dm.toFixed(0)} ms`);
    console.log(`  studio, event stream (UI)  p50 ${em.toFixed(0)} ms  (+${(em - dm).toFixed(0)} ms)`);
    console.log(`  studio, polling every 2 ms p50 ${pm.toFixed(0)} ms  (+${(pm - dm).toFixed(0)} ms)`);
    console.log(`  overhead ratio events / direct = ${(em / dm).toFixed(3)}  (goal ≤ 1.03)`);
  }
  await stream.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
