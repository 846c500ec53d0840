import "server-only";
import { env, simulatorOrigin } from "@/lib/env";
import { GATEWAYS, gatewayFor, type GatewayId } from "./gateways";
import type { ProviderConfig, ProviderId } from "./types";

/** The key the studio and its built-in simulator share; it opens nothing real. */
export const SIMULATOR_KEY = "sk-atelier-simulator";

/** Without UPSTREAM_TIMEOUT_MS, requests are bounded by the work they carry (lib/jobs/timeout.ts); this is the default. */
export const DEFAULT_TIMEOUT_MS = 300_000;

export interface ProviderStatus {
  id: ProviderId;
  configured: boolean;
  simulated: boolean;
}

export type ResolvedProvider =
  (ProviderStatus & { configured: true; config: ProviderConfig }) | (ProviderStatus & { configured: false });

function common(gatewayId?: GatewayId) {
  const e = env();
  const gateway = e.simulated ? GATEWAYS.simulator : gatewayFor(e.DMXAPI_BASE_URL, gatewayId ?? e.DMXAPI_GATEWAY);
  return {
    timeoutMs: e.UPSTREAM_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
    imagePartName: e.DMXAPI_IMAGE_PART_NAME ?? gateway.imagePartName,
    gateway,
  };
}

/** DMXAPI (or any OpenAI-compatible gateway): the OpenAI-img and Gemini-native providers share it. */
export function dmxapiConfig(id: ProviderId, gatewayId?: GatewayId): ResolvedProvider {
  const e = env();
  const base = e.simulated ? simulatorOrigin() : e.DMXAPI_BASE_URL.replace(/\/$/, "");
  const apiKey = e.simulated ? SIMULATOR_KEY : (e.DMXAPI_API_KEY as string);
  return { id, configured: true, simulated: e.simulated, config: { baseUrl: base, apiKey, ...common(gatewayId) } };
}

/**
 * Volcengine Ark, reached directly with its own key. With no DMXAPI key at all every provider talks to
 * the simulator; with a DMXAPI key, Ark needs its own and is unconfigured without one.
 */
export function arkConfig(): ResolvedProvider {
  const e = env();
  const { timeoutMs } = common();
  // Ark is not behind a new-api gateway: no gateway request-id header, Ark's own dialect.
  const gateway = { ...GATEWAYS.openai, id: "custom" as const, label: "Volcengine Ark", streams: false };
  if (e.simulated) {
    const config = {
      baseUrl: `${simulatorOrigin()}/api/v3`,
      apiKey: SIMULATOR_KEY,
      timeoutMs,
      imagePartName: "image" as const,
      gateway,
    };
    return { id: "ark", configured: true, simulated: true, config };
  }
  if (!e.ARK_API_KEY) return { id: "ark", configured: false, simulated: false };
  const config = {
    baseUrl: e.ARK_BASE_URL.replace(/\/$/, ""),
    apiKey: e.ARK_API_KEY,
    timeoutMs,
    imagePartName: "image" as const,
    gateway,
  };
  return { id: "ark", configured: true, simulated: false, config };
}
