import { afterAll, beforeAll } from "vitest";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { createSimulator, startSimulatorServer, type Simulator } from "@/lib/simulator";

/** Every id the simulator has a spec for, listed without a shutdown date. */
export function legacyListing(): { id: string; shutdownDate: null }[] {
  return createSimulator({ models: "all" }).models.map((m) => ({ id: m.id, shutdownDate: null }));
}

/**
 * A standalone simulator on 127.0.0.1 for the calling test file; use `sim.origin` as SIMULATOR_ORIGIN.
 * `listing`:
 * - "today" (default): the gateway as of 2026-12-01 — retired models are unlisted and refused;
 * - "legacy": every model the simulator knows, listed without shutdown dates — a gateway that still
 *   serves the retired ones (DMXAPI's docs list gpt-image-1.5 and dall-e-3), for tests of their rules.
 */
export function withSimulator(opts: { listing?: "today" | "legacy" } = {}) {
  const state = { origin: "", simulator: undefined as unknown as Simulator, close: async () => {} };
  beforeAll(async () => {
    // Given to the constructor, so a test's `reset()` keeps the listing.
    const models = opts.listing === "legacy" ? legacyListing() : "today";
    const s = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0, models });
    Object.assign(state, s);
  });
  afterAll(() => state.close());
  return state;
}
