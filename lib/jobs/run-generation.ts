import "server-only";
import { saveGenerationAsset } from "@/lib/assets/save-asset";
import { getAssets, type AssetRow } from "@/lib/db/assets";
import {
  claimGeneration,
  finishGeneration,
  getGeneration,
  updateRunning,
  type GenerationRow,
} from "@/lib/db/generations";
import { AppError, UpstreamError, type GenerationError } from "@/lib/errors";
import { getModel } from "@/lib/models";
import { providerFor } from "@/lib/providers";
import type { ProviderImageInput, ProviderPhase, ProviderResult } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import { expectedCountIsCeiling, planRequests, REQUESTS_PER_JOB, sumUsage } from "./plan";

const PHASE_MESSAGE: Record<ProviderPhase | "saving", string> = {
  submitting: "Sending the request",
  generating: "The model is generating",
  downloading: "Receiving the images",
  saving: "Saving images",
};

async function loadInput(row: AssetRow): Promise<ProviderImageInput> {
  const ext = row.mimeType.split("/")[1] ?? "png";
  return {
    bytes: await storage().read(row.fileKey),
    mimeType: row.mimeType,
    filename: `${row.id}.${ext === "jpeg" ? "jpg" : ext}`,
  };
}

async function loadImages(gen: GenerationRow): Promise<{ images: ProviderImageInput[]; mask?: ProviderImageInput }> {
  const wanted = [...gen.inputAssetIds, ...(gen.maskAssetId ? [gen.maskAssetId] : [])];
  const rows = new Map(getAssets(wanted).map((r) => [r.id, r]));
  const missing = wanted.filter((id) => !rows.has(id));
  if (missing.length)
    throw new AppError("invalid_request", `Input asset deleted before the job started: ${missing.join(", ")}`);
  const images = await Promise.all(gen.inputAssetIds.map((id) => loadInput(rows.get(id)!)));
  const mask = gen.maskAssetId ? await loadInput(rows.get(gen.maskAssetId)!) : undefined;
  return { images, mask };
}

function toError(err: unknown): GenerationError {
  if (err instanceof UpstreamError) return err.toGenerationError();
  if (err instanceof AppError) return { code: err.code, message: err.message, requestId: null, httpStatus: null };
  return {
    code: "internal",
    message: "Internal error while running the generation",
    requestId: null,
    httpStatus: null,
  };
}

const isAbort = (err: unknown) => err instanceof Error && err.name === "AbortError";

/**
 * Run one generation to its end.
 * 1. queued → running (a job cancelled while queued never starts).
 * 2. Send the planned upstream requests (see plan.ts), at most REQUESTS_PER_JOB at once.
 * 3. Save each image as soon as its answer arrives: file + thumb + row, counted in `current`.
 * 4. End as succeeded, or failed with the first error; saved images stay. Every write is conditional
 *    on `status = 'running'`, so a cancel that happened meanwhile is never overwritten.
 */
export async function runGeneration(id: string, signal: AbortSignal): Promise<void> {
  if (!claimGeneration(id)) return;
  const gen = getGeneration(id)!;
  const results: ProviderResult[] = [];
  const errors: unknown[] = [];
  try {
    const { provider, config } = providerFor(gen.provider as ProviderId);
    const { images, mask } = await loadImages(gen);
    const plans = planRequests(gen.provider as ProviderId, gen.operation as "generate" | "edit", gen.params);
    const onPhase = (phase: ProviderPhase | "saving") => updateRunning(id, { phase, message: PHASE_MESSAGE[phase] });
    let next = 0;
    const worker = async () => {
      while (next < plans.length && !signal.aborted) {
        const params = plans[next++];
        try {
          const result = await provider.run(
            {
              model: gen.model,
              operation: gen.operation as "generate" | "edit",
              prompt: gen.prompt,
              params,
              images,
              mask,
              signal,
              onPhase,
            },
            config,
          );
          results.push(result);
          updateRunning(id, { upstreamRequestId: result.requestId, usage: sumUsage(results.map((r) => r.usage)) });
          await saveResult(gen, result, onPhase);
          if (result.failures.length) errors.push(failureError(result));
        } catch (err) {
          if (isAbort(err) || signal.aborted) return;
          errors.push(err);
          if (err instanceof UpstreamError && err.requestId) updateRunning(id, { upstreamRequestId: err.requestId });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(REQUESTS_PER_JOB, plans.length) }, worker));
  } catch (err) {
    if (!isAbort(err)) errors.push(err);
  }
  if (signal.aborted) return; // the cancel already wrote the final state
  finish(gen, results, errors);
}

async function saveResult(gen: GenerationRow, result: ProviderResult, onPhase: (p: "saving") => void): Promise<void> {
  if (result.images.length) onPhase("saving");
  for (const image of result.images) {
    await saveGenerationAsset({
      projectId: gen.projectId,
      generationId: gen.id,
      kind: gen.operation === "edit" ? "edit" : "generated",
      bytes: image.bytes,
      prompt: gen.prompt,
      revisedPrompt: image.revisedPrompt,
      model: gen.model,
      params: gen.params,
      parentAssetIds: gen.inputAssetIds,
    }).catch((err) => {
      // An image the upstream sent that we cannot read is the upstream's failure, not ours.
      if (err instanceof AppError && (err.code === "unsupported_media_type" || err.code === "payload_too_large")) {
        throw new UpstreamError("upstream_bad_response", `The upstream returned an unusable image: ${err.message}`, {
          requestId: result.requestId,
          httpStatus: result.httpStatus,
        });
      }
      throw err;
    });
  }
}

/** Images an answer could not deliver (an Ark group's `data[i].error`): the first one, and how many more. */
function failureError(result: ProviderResult): UpstreamError {
  const [first, ...rest] = result.failures;
  const more = rest.length ? ` (and ${rest.length} more failed)` : "";
  return new UpstreamError(first.code, `${first.message}${more}`, {
    requestId: result.requestId,
    httpStatus: result.httpStatus,
  });
}

function finish(gen: GenerationRow, results: ProviderResult[], errors: unknown[]): void {
  const saved = getGeneration(gen.id)?.current ?? 0;
  const usage = sumUsage(results.map((r) => r.usage));
  const requestId = results.at(-1)?.requestId ?? null;
  const card = getModel(gen.model);
  // An Ark group is "up to max_images": fewer with nothing failed is the model's choice, not a failure.
  const ceiling = card !== undefined && expectedCountIsCeiling(card, gen.params);
  if (errors.length === 0 && (saved >= gen.total || (ceiling && saved > 0))) {
    const message =
      saved < gen.total
        ? `${saved} images saved (the model made ${saved} of up to ${gen.total})`
        : `${saved} of ${saved} images saved`;
    // `total` follows what came back, so a succeeded job always ends with current == total.
    const total = saved === gen.total ? {} : { total: saved };
    finishGeneration(gen.id, { status: "succeeded", message, error: null, usage, ...total });
    return;
  }
  const error = errors.length
    ? toError(errors[0])
    : {
        code: "upstream_bad_response" as const,
        message: `The upstream returned ${saved} of ${gen.total} images`,
        requestId,
        httpStatus: null,
      };
  const message = saved > 0 ? `${saved} of ${gen.total} images saved; ${error.message}` : error.message;
  finishGeneration(gen.id, {
    status: "failed",
    message,
    error,
    usage,
    upstreamRequestId: error.requestId ?? requestId,
  });
}
