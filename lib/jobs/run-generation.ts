import "server-only";
import sharp from "sharp";
import { saveGenerationAsset } from "@/lib/assets/save-asset";
import { adminConfig, currentCatalog, markMissing } from "@/lib/catalog";
import { getAssets, type AssetRow } from "@/lib/db/assets";
import {
  claimGeneration,
  finishGeneration,
  getGeneration,
  updateRunning,
  type GenerationRow,
} from "@/lib/db/generations";
import { extensionOf } from "@/lib/contracts/mime";
import { env } from "@/lib/env";
import { AppError, UpstreamError, type GenerationError } from "@/lib/errors";
import { getModel, type ModelCard } from "@/lib/models";
import { providerFor } from "@/lib/providers";
import type { ProviderImageInput, ProviderPhase, ProviderResult } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import { imageCountIsCeiling } from "@/lib/validation";
import { inflightInputBytes } from "./inflight";
import { dropPreviews, savePreview } from "./previews";
import { upstreamTimeoutMs } from "./timeout";
import { sumUsage } from "./usage";

const PHASE_MESSAGE: Record<ProviderPhase | "saving", string> = {
  submitting: "Sending the request",
  generating: "The model is generating",
  downloading: "Receiving the images",
  saving: "Saving images",
};

/** At most this many requests of one job in flight at once. */
export const REQUESTS_PER_JOB = 4;

/**
 * An input as a lazily read Blob, not its bytes: a multipart edit streams it from the store while the request is
 * sent, and formats that inline images (base64) read it while they build the body.
 */
async function loadInput(row: AssetRow): Promise<ProviderImageInput> {
  const blob = await storage().blob(row.fileKey, row.mimeType);
  if (!blob) throw new AppError("invalid_request", `The file of input asset ${row.id} is missing`);
  return { blob, mimeType: row.mimeType, filename: `${row.id}.${extensionOf(row.mimeType)}` };
}

/**
 * Open the job's input images after holding their total size in the process-wide bound
 * (MAX_INFLIGHT_INPUT_BYTES): big edits queue here instead of all being read or sent at once. The caller
 * calls `release` when its upstream requests are done.
 */
async function loadImages(
  gen: GenerationRow,
  signal: AbortSignal,
): Promise<{
  images: ProviderImageInput[];
  mask?: ProviderImageInput;
  release: () => void;
  /** The first input's size (an AI cutout's results are brought back to it). */
  sourceSize?: { width: number; height: number };
}> {
  const wanted = [...gen.inputAssetIds, ...(gen.maskAssetId ? [gen.maskAssetId] : [])];
  if (!wanted.length) return { images: [], release: () => undefined };
  const rows = new Map((await getAssets(wanted)).map((r) => [r.id, r]));
  const missing = wanted.filter((id) => !rows.has(id));
  if (missing.length)
    throw new AppError("invalid_request", `Input asset deleted before the job started: ${missing.join(", ")}`);
  const total = wanted.reduce((n, id) => n + rows.get(id)!.bytes, 0);
  const release = await inflightInputBytes().acquire(total, signal);
  try {
    const images = await Promise.all(gen.inputAssetIds.map((id) => loadInput(rows.get(id)!)));
    const mask = gen.maskAssetId ? await loadInput(rows.get(gen.maskAssetId)!) : undefined;
    const first = gen.inputAssetIds.length ? rows.get(gen.inputAssetIds[0]) : undefined;
    return { images, mask, release, sourceSize: first && { width: first.width, height: first.height } };
  } catch (err) {
    release();
    throw err;
  }
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

/** The card a job runs with: the one validation resolved, else (a resumed job) the catalog's or the registry's. */
async function cardOf(gen: GenerationRow, resolved?: ModelCard): Promise<ModelCard> {
  const card = resolved ?? (await currentCatalog()).models.find((m) => m.id === gen.model) ?? getModel(gen.model);
  if (!card) throw new AppError("invalid_request", `Model '${gen.model}' is no longer known to the studio`);
  return card;
}

/**
 * Run one generation to its end.
 * 1. queued → running (a job cancelled while queued never starts).
 * 2. Send the upstream requests its provider plans, at most REQUESTS_PER_JOB at once, each bounded by a
 *    timeout that scales with its work; streamed previews are stored as they arrive.
 * 3. Save each image as soon as its answer arrives: file + thumb + row, counted in `current`.
 * 4. End as succeeded, or failed with the first error; saved images stay, previews go. Every write is
 *    conditional on `status = 'running'`, so a cancel that happened meanwhile is never overwritten.
 */
export async function runGeneration(
  id: string,
  signal: AbortSignal,
  resolved?: ModelCard,
  opts: { claimed?: boolean } = {},
): Promise<void> {
  // The shared queue (PostgreSQL) claims the row itself, with its lease; the in-process runner claims here.
  if (!opts.claimed && !(await claimGeneration(id))) return;
  const gen = (await getGeneration(id))!;
  const results: ProviderResult[] = [];
  const errors: unknown[] = [];
  let card: ModelCard | undefined;
  let releaseInputs: () => void = () => undefined;
  // The job's progress writes, one after another in the order they were made: on PostgreSQL two writes in
  // flight at once take two pooled connections and may land in either order ("submitting" after
  // "generating"). Each is conditional on `running`, so one that lands after the end changes nothing.
  let writes: Promise<unknown> = Promise.resolve();
  const write = (set: Parameters<typeof updateRunning>[1]) =>
    (writes = writes.then(() => updateRunning(id, set)).catch(() => undefined));
  try {
    card = await cardOf(gen, resolved);
    const { provider, config } = providerFor(gen.provider, (await adminConfig()).gateway);
    const { images, mask, release, sourceSize } = await loadImages(gen, signal);
    releaseInputs = release;
    const cutoutOf = gen.purpose === "cutout" ? sourceSize : undefined;
    const plans = provider.plan(gen.operation, gen.params);
    // Providers report phases synchronously; the write is queued behind the others.
    const onPhase = (phase: ProviderPhase | "saving") => void write({ phase, message: PHASE_MESSAGE[phase] });
    const onPreview = (p: Parameters<typeof savePreview>[1]) => void savePreview(id, p).catch(() => undefined);
    let next = 0;
    const worker = async (c: ModelCard) => {
      while (next < plans.length && !signal.aborted) {
        const params = plans[next++];
        const timeoutMs = upstreamTimeoutMs(c, params, images.length, env().UPSTREAM_TIMEOUT_MS);
        const request = { model: c.upstreamId, operation: gen.operation, prompt: gen.prompt, params, images, mask };
        try {
          const extra = { wire: c.wire, signal, onPhase, onPreview };
          const result = await provider.run({ ...request, ...extra }, { ...config, timeoutMs });
          results.push(result);
          const ids = { upstreamRequestId: result.requestId, vendorRequestId: result.vendorRequestId };
          // Queued behind the other progress writes, not waited for: saving the images need not wait on it
          // (the final write waits for every progress write).
          void write({ ...ids, usage: sumUsage(results.map((r) => r.usage)) });
          await saveResult(gen, result, onPhase, cutoutOf);
          if (result.failures.length) errors.push(failureError(result));
        } catch (err) {
          if (isAbort(err) || signal.aborted) return;
          errors.push(err);
          if (err instanceof UpstreamError && err.code === "upstream_model_unavailable")
            markMissing(c.provider, c.upstreamId);
          if (err instanceof UpstreamError && err.requestId)
            await write({ upstreamRequestId: err.requestId, vendorRequestId: err.vendorRequestId });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(REQUESTS_PER_JOB, plans.length) }, () => worker(card!)));
  } catch (err) {
    if (!isAbort(err)) errors.push(err);
  } finally {
    releaseInputs(); // every upstream request is done: the input bytes may go
  }
  await writes; // every progress write has landed before the final one
  await dropPreviews(id).catch(() => undefined);
  if (signal.aborted) return; // the cancel already wrote the final state
  await finish(gen, card, results, errors);
}

/**
 * An AI cutout's result at its source's size: the model answers at one of its own sizes (1024², 1536×1024…);
 * scaled to fit the source's box without distortion, centred on transparency, PNG (alpha kept).
 */
async function toSourceSize(bytes: Uint8Array, size: { width: number; height: number }): Promise<Uint8Array> {
  const meta = await sharp(bytes).metadata();
  if (meta.width === size.width && meta.height === size.height && meta.format === "png") return bytes;
  return sharp(bytes)
    .resize(size.width, size.height, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

async function saveResult(
  gen: GenerationRow,
  result: ProviderResult,
  onPhase: (p: "saving") => void,
  cutoutOf?: { width: number; height: number },
): Promise<void> {
  if (result.images.length) onPhase("saving");
  for (const image of result.images) {
    const bytes = cutoutOf
      ? await toSourceSize(image.bytes, cutoutOf).catch(() => {
          throw new UpstreamError("upstream_bad_response", "The upstream returned an image that could not be read", {
            requestId: result.requestId,
            vendorRequestId: result.vendorRequestId,
            httpStatus: result.httpStatus,
          });
        })
      : image.bytes;
    const saved = await saveGenerationAsset({
      projectId: gen.projectId,
      generationId: gen.id,
      kind: cutoutOf ? "cutout" : gen.operation === "edit" ? "edit" : "generated",
      bytes,
      mimeType: cutoutOf ? "image/png" : image.mimeType,
      prompt: gen.prompt,
      revisedPrompt: image.revisedPrompt,
      model: gen.model,
      params: gen.params,
      parentAssetIds: gen.inputAssetIds,
      createdBy: gen.createdBy,
    }).catch((err) => {
      // An image the upstream sent that we cannot read is the upstream's failure, not ours.
      if (err instanceof AppError && (err.code === "unsupported_media_type" || err.code === "payload_too_large")) {
        throw new UpstreamError("upstream_bad_response", `The upstream returned an unusable image: ${err.message}`, {
          requestId: result.requestId,
          vendorRequestId: result.vendorRequestId,
          httpStatus: result.httpStatus,
        });
      }
      throw err;
    });
    // The job ended (a cancel) or its project is being deleted: the rest would be dropped too.
    if (!saved) return;
  }
}

/** Images an answer could not deliver (an Ark group's `data[i].error`): the first one, and how many more. */
function failureError(result: ProviderResult): UpstreamError {
  const [first, ...rest] = result.failures;
  const more = rest.length ? ` (and ${rest.length} more failed)` : "";
  return new UpstreamError(first.code, `${first.message}${more}`, {
    requestId: result.requestId,
    vendorRequestId: result.vendorRequestId,
    httpStatus: result.httpStatus,
  });
}

async function finish(
  gen: GenerationRow,
  card: ModelCard | undefined,
  results: ProviderResult[],
  errors: unknown[],
): Promise<void> {
  const saved = (await getGeneration(gen.id))?.current ?? 0;
  const usage = sumUsage(results.map((r) => r.usage));
  const last = results.at(-1);
  const ids = { upstreamRequestId: last?.requestId ?? null, vendorRequestId: last?.vendorRequestId ?? null };
  // An Ark group is "up to max_images": fewer with nothing failed is the model's choice, not a failure.
  const ceiling = card !== undefined && imageCountIsCeiling(card, gen.params);
  if (errors.length === 0 && (saved >= gen.total || (ceiling && saved > 0))) {
    const message =
      saved < gen.total
        ? `${saved} images saved (the model made ${saved} of up to ${gen.total})`
        : `${saved} of ${saved} images saved`;
    // `total` follows what came back, so a succeeded job always ends with current == total.
    const total = saved === gen.total ? {} : { total: saved };
    await finishGeneration(gen.id, { status: "succeeded", message, error: null, usage, ...ids, ...total });
    return;
  }
  const error: GenerationError = errors.length
    ? toError(errors[0])
    : {
        code: "upstream_bad_response",
        message: `The upstream returned ${saved} of ${gen.total} images`,
        requestId: ids.upstreamRequestId,
        httpStatus: null,
      };
  const message = saved > 0 ? `${saved} of ${gen.total} images saved; ${error.message}` : error.message;
  await finishGeneration(gen.id, {
    status: "failed",
    message,
    error,
    usage,
    upstreamRequestId: error.requestId ?? ids.upstreamRequestId,
    vendorRequestId: error.vendorRequestId ?? ids.vendorRequestId,
  });
}
