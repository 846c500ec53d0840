import "server-only";
import { AppError } from "@/lib/errors";
import { PROVIDER_IDS } from "@/lib/models";
import { arkProvider } from "./ark";
import { resolveProvider } from "./config";
import { dmxapiGeminiProvider } from "./dmxapi-gemini";
import { dmxapiOpenAiImgProvider } from "./dmxapi-openai-img";
import type { ImageProvider, ProviderConfig, ProviderId } from "./types";

/**
 * The three-way dispatch of the first seed: `ark` / `dmxapi_gemini` / `dmxapi_openai_img`, each an
 * isolated module with its own payloads, parsing and error mapping. A provider without a module
 * answers `operation_not_supported`.
 */
const MODULES: Record<ProviderId, ImageProvider | null> = {
  dmxapi_openai_img: dmxapiOpenAiImgProvider,
  dmxapi_gemini: dmxapiGeminiProvider,
  ark: arkProvider,
};

const LABELS: Record<ProviderId, string> = {
  dmxapi_openai_img: "OpenAI Images (DMXAPI)",
  dmxapi_gemini: "Gemini (DMXAPI)",
  ark: "Volcengine Ark (Seedream)",
};

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  configured: boolean;
  simulated: boolean;
  available: boolean;
}

/** For GET /api/models: which providers can be used in this deployment. Never exposes keys. */
export function providerInfos(): ProviderInfo[] {
  return PROVIDER_IDS.map((id) => {
    const r = resolveProvider(id);
    return {
      id,
      label: LABELS[id],
      configured: r.configured,
      simulated: r.simulated,
      available: r.configured && MODULES[id] !== null,
    };
  });
}

/** The module and its connection settings, or an AppError the caller answers with. */
export function providerFor(id: ProviderId): { provider: ImageProvider; config: ProviderConfig } {
  const provider = MODULES[id];
  if (!provider)
    throw new AppError("operation_not_supported", `Provider '${id}' is not available yet`, { provider: id });
  const resolved = resolveProvider(id);
  if (!resolved.configured)
    throw new AppError("operation_not_supported", `Provider '${id}' is not configured (missing API key)`, {
      provider: id,
    });
  return { provider, config: resolved.config };
}
