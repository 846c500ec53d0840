import "server-only";
import { AppError } from "@/lib/errors";
import { arkProvider } from "./ark";
import { arkConfig, dmxapiConfig, type ResolvedProvider } from "./config";
import { dmxapiGeminiProvider } from "./dmxapi-gemini";
import { dmxapiOpenAiImgProvider } from "./dmxapi-openai-img";
import type { GatewayId } from "./gateways";
import type { ImageProvider, ProviderConfig, ProviderId } from "./types";

/**
 * The provider registry: each upstream module with its label and how its connection is resolved.
 * The rest of the studio dispatches through this list and never names a provider's special cases.
 * A fourth provider = a module folder (wire format + error table, on the kit) and one entry here.
 */
export interface ProviderEntry {
  id: ProviderId;
  label: string;
  module: ImageProvider;
  resolveConfig(gateway?: GatewayId): ResolvedProvider;
}

export const PROVIDERS: readonly ProviderEntry[] = [
  {
    id: "dmxapi_openai_img",
    label: "OpenAI Images (DMXAPI)",
    module: dmxapiOpenAiImgProvider,
    resolveConfig: (g) => dmxapiConfig("dmxapi_openai_img", g),
  },
  {
    id: "dmxapi_gemini",
    label: "Gemini (DMXAPI)",
    module: dmxapiGeminiProvider,
    resolveConfig: (g) => dmxapiConfig("dmxapi_gemini", g),
  },
  { id: "ark", label: "Volcengine Ark (Seedream)", module: arkProvider, resolveConfig: () => arkConfig() },
];

export function providerEntry(id: ProviderId): ProviderEntry {
  const entry = PROVIDERS.find((p) => p.id === id);
  if (!entry) throw new AppError("operation_not_supported", `Provider '${id}' is not available`, { provider: id });
  return entry;
}

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  configured: boolean;
  simulated: boolean;
  available: boolean;
}

/** For GET /api/models: which providers can be used in this deployment. Never exposes keys. */
export function providerInfos(gateway?: GatewayId): ProviderInfo[] {
  return PROVIDERS.map(({ id, label, resolveConfig }) => {
    const r = resolveConfig(gateway);
    return { id, label, configured: r.configured, simulated: r.simulated, available: r.configured };
  });
}

/** The module and its connection settings, or an AppError the caller answers with. */
export function providerFor(id: ProviderId, gateway?: GatewayId): { provider: ImageProvider; config: ProviderConfig } {
  const entry = providerEntry(id);
  const resolved = entry.resolveConfig(gateway);
  if (!resolved.configured) {
    throw new AppError("operation_not_supported", `Provider '${id}' is not configured (missing API key)`, {
      provider: id,
    });
  }
  return { provider: entry.module, config: resolved.config };
}
