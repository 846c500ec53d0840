/**
 * The upstream simulator as a process of its own (run with tsx and tsconfig.scripts.json; see
 * `startSimulatorProcess` in ./processes.ts): prints `origin <url>` once it listens, stops when stdin closes.
 * Tests steer it over HTTP (`/_control`), like a running studio's `/sim` mount.
 */
async function main() {
  const { startSimulatorServer } = await import("@/lib/simulator");
  const { SIMULATOR_KEY } = await import("@/lib/providers/config");
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: Number(process.env.SIM_LATENCY_MS ?? 0) });
  console.log(`origin ${sim.origin}`);
  process.stdin.resume();
  process.stdin.on("end", () => void sim.close().then(() => process.exit(0)));
}

void main();
export {};
