import "server-only";
import { UpstreamError } from "@/lib/errors";
import { postOnce, type RawAnswer } from "../transport";
import type { ImageProvider, ProviderConfig, ProviderRequest, ProviderResult } from "../types";
import { buildRequest, type BuiltRequest } from "./build-request";
import { collectResult, parseAnswerJson } from "./parse-response";
import { httpError, redact, requestIdFrom } from "./upstream-errors";

/**
 * Volcengine Ark: Seedream 4.0 / 4.5 / 3.0 and SeedEdit 3.0. Its own module: no payload, parsing or
 * error code shared with the OpenAI-img or Gemini providers (only the generic deadline/abort
 * plumbing, URL download and byte sniffing).
 *
 * 1. build the JSON body (reference images as data URLs);
 * 2. send it with `Authorization: Bearer`, under timeout + caller abort, retrying once only on
 *    connection refused;
 * 3. map non-2xx answers to UpstreamError codes, with the request id;
 * 4. keep every image of the group that came back; report the ones that failed in `data[i].error`.
 */

/** Ark's cap per reference image (its docs; the simulator enforces the same). */
const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;

/** Refused here rather than paid for there: the upstream would answer 400 anyway. */
function checkReferences(req: ProviderRequest): void {
  const big = req.images.findIndex((img) => img.bytes.byteLength > MAX_REFERENCE_BYTES);
  if (big >= 0) {
    const mb = (req.images[big].bytes.byteLength / 1024 / 1024).toFixed(1);
    throw new UpstreamError(
      "upstream_invalid_request",
      `reference image ${big + 1} is ${mb} MB; Ark takes at most 10 MB per image`,
    );
  }
}

function send(req: ProviderRequest, config: ProviderConfig, built: BuiltRequest): Promise<RawAnswer> {
  return postOnce(req, config, built, `Ark ${req.operation} request`);
}

async function run(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult> {
  req.onPhase?.("submitting");
  const built = buildRequest(req, config);
  checkReferences(req);
  const answer = await send(req, config, built);
  if (answer.status < 200 || answer.status > 299)
    throw httpError(answer.status, answer.headers, answer.text, config.apiKey);
  const rawId = requestIdFrom(answer.headers);
  const ctx = { status: answer.status, requestId: rawId && redact(rawId, config.apiKey), config, signal: req.signal };
  const parsed = parseAnswerJson(answer.text, ctx);
  if (!parsed) throw httpError(answer.status, answer.headers, answer.text, config.apiKey);
  req.onPhase?.("downloading");
  return collectResult(parsed, ctx);
}

export const arkProvider: ImageProvider = {
  id: "ark",
  describe: (req, config) => buildRequest(req, config).described,
  run,
};
