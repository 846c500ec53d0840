import "server-only";
import type { ImageProvider, ProviderConfig, ProviderRequest, ProviderResult } from "../types";
import { buildRequest } from "./build-request";
import { collectResult, parseAnswerJson } from "./parse-response";
import { httpError, redact, requestIdFrom } from "./upstream-errors";
import { postOnce, type RawAnswer } from "../transport";

/**
 * OpenAI-img (gpt-image-*, dall-e-3) through DMXAPI or any OpenAI-compatible gateway.
 * Its own module: no payload, parsing or error code shared with the Gemini or Ark providers.
 *
 * 1. build the JSON or multipart request;
 * 2. send it under timeout + caller abort, retrying once only on connection refused;
 * 3. map non-2xx answers to UpstreamError codes, with the upstream request id;
 * 4. parse the answer, decode or download each image, sniff its real type.
 */

function send(req: ProviderRequest, config: ProviderConfig): Promise<RawAnswer> {
  return postOnce(req, config, buildRequest(req, config), `${req.operation} request`);
}

async function run(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult> {
  req.onPhase?.("submitting");
  const answer = await send(req, config);
  if (answer.status < 200 || answer.status > 299)
    throw httpError(answer.status, answer.headers, answer.text, config.apiKey);
  const rawId = requestIdFrom(answer.headers);
  const ctx = { status: answer.status, requestId: rawId && redact(rawId, config.apiKey), config, signal: req.signal };
  const parsed = parseAnswerJson(answer.text, ctx);
  req.onPhase?.("downloading");
  return collectResult(parsed, ctx);
}

export const dmxapiOpenAiImgProvider: ImageProvider = {
  id: "dmxapi_openai_img",
  describe: (req, config) => buildRequest(req, config).described,
  run,
};
