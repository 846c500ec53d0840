import "server-only";
import { UpstreamError } from "@/lib/errors";
import { postOnce, type RawAnswer } from "../transport";
import type { ImageProvider, ProviderConfig, ProviderRequest, ProviderResult } from "../types";
import { buildRequest, type BuiltRequest } from "./build-request";
import { collectResult, parseAnswerJson } from "./parse-response";
import { httpError, redact, requestIdFrom } from "./upstream-errors";

/**
 * Gemini image models (gemini-2.5-flash-image, gemini-3-pro-image-preview, gemini-3.1-flash-image-preview)
 * through DMXAPI's Gemini-native route. Its own module: no payload, parsing or error code shared with
 * the OpenAI-img or Ark providers (only the generic deadline/abort plumbing and byte sniffing).
 *
 * 1. build the `generateContent` JSON (prompt + inline images, imageConfig);
 * 2. send it under timeout + caller abort, retrying once only on connection refused;
 * 3. map non-2xx answers (Google or gateway envelope) to UpstreamError codes, with the request id;
 * 4. read the images out of the parts (inlineData, or a data URL in text), or say why there is none.
 */

/** Google's cap on inline data: the whole request must stay under 20 MB. */
const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

/** Refused here rather than paid for there: the upstream would answer 400 anyway. */
function checkSize(built: BuiltRequest): void {
  const bytes = Buffer.byteLength(built.body);
  if (bytes > MAX_REQUEST_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new UpstreamError(
      "upstream_invalid_request",
      `the input images make a ${mb(bytes)} request; Gemini takes at most ${mb(MAX_REQUEST_BYTES)} of inline data`,
    );
  }
}

function send(req: ProviderRequest, config: ProviderConfig, built: BuiltRequest): Promise<RawAnswer> {
  return postOnce(req, config, built, `Gemini ${req.operation} request`);
}

async function run(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult> {
  req.onPhase?.("submitting");
  const built = buildRequest(req, config);
  checkSize(built);
  const answer = await send(req, config, built);
  if (answer.status < 200 || answer.status > 299)
    throw httpError(answer.status, answer.headers, answer.text, config.apiKey);
  const headerId = requestIdFrom(answer.headers);
  const early = { status: answer.status, requestId: headerId && redact(headerId, config.apiKey) };
  const parsed = parseAnswerJson(answer.text, early);
  if (!parsed) throw httpError(answer.status, answer.headers, answer.text, config.apiKey);
  const rawId = requestIdFrom(answer.headers, parsed.responseId);
  req.onPhase?.("downloading");
  return collectResult(parsed, { status: answer.status, requestId: rawId && redact(rawId, config.apiKey) });
}

export const dmxapiGeminiProvider: ImageProvider = {
  id: "dmxapi_gemini",
  describe: (req, config) => buildRequest(req, config).described,
  run,
};
