import "server-only";
import { env, simulatorOrigin } from "@/lib/env";
import type { ProviderConfig, ProviderId } from "./types";

/** The key the studio and its built-in simulator share; it opens nothing real. */
export const SIMULATOR_KEY = "sk-atelier-simulator";

export interface ProviderStatus {
  id: ProviderId;
  configured: boolean;
  simulated: boolean;
}

export type ResolvedProvider =
  (ProviderStatus & { configured: true; config: ProviderConfig }) | (ProviderStatus & { configured: false });

/**
 * Connection settings per provider. With no DMXAPI key at all, every provider talks to the simulator;
 * with a DMXAPI key, Ark needs its own key and is unconfigured without one.
 */
export function resolveProvider(id: ProviderId): ResolvedProvider {
  const e = env();
  const common = { timeoutMs: e.UPSTREAM_TIMEOUT_MS, imagePartName: e.DMXAPI_IMAGE_PART_NAME };
  if (e.simulated) {
    const origin = simulatorOrigin();
    const baseUrl = id === "ark" ? `${origin}/api/v3` : origin;
    return { id, configured: true, simulated: true, config: { baseUrl, apiKey: SIMULATOR_KEY, ...common } };
  }
  if (id === "ark") {
    if (!e.ARK_API_KEY) return { id, configured: false, simulated: false };
    return {
      id,
      configured: true,
      simulated: false,
      config: { baseUrl: e.ARK_BASE_URL.replace(/\/$/, ""), apiKey: e.ARK_API_KEY, ...common },
    };
  }
  return {
    id,
    configured: true,
    simulated: false,
    config: { baseUrl: e.DMXAPI_BASE_URL.replace(/\/$/, ""), apiKey: e.DMXAPI_API_KEY as string, ...common },
  };
}
