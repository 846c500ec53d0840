import "server-only";
import { createSimulator } from "./simulator";
import type { Simulator, SimulatorOptions } from "./types";

/**
 * The built-in upstream simulator: speaks the real wire protocols of docs/upstreams.md
 * (OpenAI-format images via DMXAPI, Gemini-native, Volcengine Ark) so the studio runs offline.
 */
export type {
  FaultKind,
  FaultRule,
  ListedModelInput,
  ListedModelView,
  ModelListingSetting,
  ModelPreset,
  RecordedFile,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from "./types";
export { createSimulator } from "./simulator";
export { startSimulatorServer } from "./server";

const KEY = Symbol.for("atelier.simulator");

/** Process-wide singleton (kept on globalThis so Next dev reloads reuse it). Options apply on first call only. */
export function getSimulator(opts?: SimulatorOptions): Simulator {
  const g = globalThis as typeof globalThis & { [KEY]?: Simulator };
  g[KEY] ??= createSimulator(opts);
  return g[KEY];
}
