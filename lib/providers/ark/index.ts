import "server-only";
import { UpstreamError } from "@/lib/errors";
import { defineProvider, type WireFormat } from "../kit/run";
import type { ProviderRequest } from "../types";
import { inputSize } from "../image-bytes";
import { buildRequest, describeRequest } from "./build-request";
import { collectResult, parseAnswerJson, type ArkAnswer } from "./parse-response";
import { errorCode, errorTag } from "./upstream-errors";

/**
 * Volcengine Ark: Seedream and SeedEdit. One JSON body with reference images as data URLs, every image
 * of a group kept (the failed ones reported from `data[i].error`), Ark's error table. The run skeleton,
 * redaction, error-body and request-id reading are the provider kit's. Ark publishes no model list.
 */

/** Ark's cap per reference image (its docs; the simulator enforces the same). */
const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;

/** Refused here rather than paid for there: the upstream would answer 400 anyway. From sizes, before any read. */
function checkReferences(req: ProviderRequest): void {
  const big = req.images.findIndex((img) => inputSize(img) > MAX_REFERENCE_BYTES);
  if (big >= 0) {
    const mb = (inputSize(req.images[big]) / 1024 / 1024).toFixed(1);
    throw new UpstreamError(
      "upstream_invalid_request",
      `reference image ${big + 1} is ${mb} MB; Ark takes at most 10 MB per image`,
    );
  }
}

export const arkWire: WireFormat<ArkAnswer> = {
  label: "Ark",
  vendorHeaders: ["x-request-id", "x-tt-logid"],
  build: buildRequest,
  describe: describeRequest,
  check: checkReferences,
  errorCode,
  errorTag,
  parse: parseAnswerJson,
  collect: collectResult,
};

/** A whole image group per request: one request per job. */
export const arkProvider = defineProvider("ark", arkWire, { plan: (_operation, params) => [params] });
