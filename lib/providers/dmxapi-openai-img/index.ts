import "server-only";
import { fetchModelList, listedDate, openAiListSchema } from "../kit/model-list";
import { defineProvider, runWire } from "../kit/run";
import type { ListedModel, ProviderConfig } from "../types";
import { wantsStream } from "./build-request";
import { runStreamed } from "./stream";
import { openAiWire } from "./wire";

/**
 * OpenAI-img (gpt-image-*, dall-e-3) through DMXAPI or any OpenAI-compatible gateway. Its wire format
 * (wire.ts) and SSE previews (stream.ts) are its own; the run skeleton, redaction, error-body and
 * request-id reading are the provider kit's.
 */

/**
 * n images of a generation: n parallel requests of n=1. Each image is billed as an output image either
 * way, and separate requests give real progress, earlier first results, and partial success when one
 * fails. An edit stays one request with n: input images are billed per request.
 */
function plan(operation: "generate" | "edit", params: Record<string, unknown>): Record<string, unknown>[] {
  const n = typeof params.n === "number" && params.n > 1 ? params.n : 1;
  if (operation === "generate" && n > 1) return Array.from({ length: n }, () => ({ ...params, n: 1 }));
  return [params];
}

async function listModels(config: ProviderConfig, signal?: AbortSignal): Promise<ListedModel[]> {
  const headers = { authorization: `Bearer ${config.apiKey}`, accept: "application/json" };
  const list = await fetchModelList(config, "/v1/models", headers, openAiListSchema, signal);
  return list.data.map((m) => ({ id: m.id, shutdownDate: listedDate(m.shutdown_date) }));
}

export const dmxapiOpenAiImgProvider = defineProvider("dmxapi_openai_img", openAiWire, {
  plan,
  listModels,
  run: async (req, config) => (wantsStream(req, config) ? runStreamed(req, config) : runWire(openAiWire, req, config)),
});
