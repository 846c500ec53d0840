import "server-only";
import { UpstreamError } from "@/lib/errors";
import { fetchModelList, geminiListSchema } from "../kit/model-list";
import { defineProvider, type WireFormat } from "../kit/run";
import type { ListedModel, ProviderConfig, ProviderRequest } from "../types";
import { buildRequest, describeRequest, requestBytes } from "./build-request";
import { collectResult, parseAnswerJson, type GeminiAnswer } from "./parse-response";
import { errorCode, errorStatus, errorTag } from "./upstream-errors";

/**
 * Gemini image models through DMXAPI's Gemini-native route: `generateContent` JSON with inline images,
 * images read out of the answer's parts (inlineData, or a data URL in text), Google's error table.
 * The run skeleton, redaction, error-body and request-id reading are the provider kit's.
 */

/** Google's cap on inline data: the whole request must stay under 20 MB. */
const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

/** Refused here rather than paid for there: the upstream would answer 400 anyway. Sized before any input is read. */
function checkSize(req: ProviderRequest): void {
  const bytes = requestBytes(req);
  if (bytes > MAX_REQUEST_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new UpstreamError(
      "upstream_invalid_request",
      `the input images make a ${mb(bytes)} request; Gemini takes at most ${mb(MAX_REQUEST_BYTES)} of inline data`,
    );
  }
}

export const geminiWire: WireFormat<GeminiAnswer> = {
  label: "Gemini",
  vendorHeaders: ["x-request-id"],
  build: buildRequest,
  describe: describeRequest,
  check: checkSize,
  errorCode,
  errorTag,
  errorStatus,
  parse: parseAnswerJson,
  bodyId: (answer) => answer.responseId ?? null,
  collect: collectResult,
};

async function listModels(config: ProviderConfig, signal?: AbortSignal): Promise<ListedModel[]> {
  const headers = { "x-goog-api-key": config.apiKey, accept: "application/json" };
  const list = await fetchModelList(config, "/v1beta/models", headers, geminiListSchema, signal);
  return list.models.map((m) => ({ id: m.name.replace(/^models\//, ""), shutdownDate: null }));
}

/** One image per request, no `n`: one request per job. */
export const dmxapiGeminiProvider = defineProvider("dmxapi_gemini", geminiWire, {
  plan: (_operation, params) => [params],
  listModels,
});
