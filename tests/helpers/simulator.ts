import { afterAll, beforeAll } from "vitest";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { startSimulatorServer, type Simulator } from "@/lib/simulator";

/** A standalone simulator on 127.0.0.1 for the calling test file; use `sim.origin` as SIMULATOR_ORIGIN. */
export function withSimulator() {
  const state = { origin: "", simulator: undefined as unknown as Simulator, close: async () => {} };
  beforeAll(async () => {
    const s = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 });
    Object.assign(state, s);
  });
  afterAll(() => state.close());
  return state;
}
