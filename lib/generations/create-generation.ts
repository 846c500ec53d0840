import "server-only";
import { getAssets } from "@/lib/db/assets";
import { countActiveGenerations, insertGeneration } from "@/lib/db/generations";
import { env } from "@/lib/env";
import { nowIso } from "@/lib/db/time";
import { AppError, invalidRequest, type Issue } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { expectedImageCount } from "@/lib/jobs/plan";
import { jobRunner } from "@/lib/jobs/runner";
import { getModel, type ModelCard } from "@/lib/models";
import { requireProject } from "@/lib/projects";
import { providerFor } from "@/lib/providers";
import { validateGenerationRequest, type ValidGenerationRequest } from "@/lib/validation";
import { toGeneration } from "./serialize";
import type { Generation } from "./types";

/** Input images and mask must be visible assets of this project; the mask a PNG the size of the first image. */
function checkImages(projectId: string, req: ValidGenerationRequest): void {
  const ids = [...req.inputAssetIds, ...(req.maskAssetId ? [req.maskAssetId] : [])];
  const rows = new Map(
    getAssets(ids)
      .filter((a) => a.projectId === projectId)
      .map((a) => [a.id, a]),
  );
  const issues: Issue[] = [];
  req.inputAssetIds.forEach((id, i) => {
    if (!rows.has(id)) issues.push({ path: `inputAssetIds.${i}`, message: `asset '${id}' not found in this project` });
  });
  if (req.maskAssetId) {
    const mask = rows.get(req.maskAssetId);
    const first = rows.get(req.inputAssetIds[0] ?? "");
    if (!mask) issues.push({ path: "maskAssetId", message: `asset '${req.maskAssetId}' not found in this project` });
    else if (mask.mimeType !== "image/png")
      issues.push({ path: "maskAssetId", message: "the mask must be a PNG with an alpha channel" });
    else if (first && (mask.width !== first.width || mask.height !== first.height)) {
      issues.push({
        path: "maskAssetId",
        message: `the mask is ${mask.width}×${mask.height} but the first image is ${first.width}×${first.height}`,
      });
    }
  }
  if (issues.length) throw invalidRequest("Input images are not usable", issues);
}

/**
 * Start a generation.
 * 1. Validate the body against the model's card (nothing reaches the upstream for a rejected request).
 * 2. Check the provider is available and the input images belong to the project.
 * 3. Store it as `queued` and hand it to the runner; answer at once.
 */
export function createGeneration(projectId: string, body: unknown, retryOf: string | null = null): Generation {
  requireProject(projectId);
  const checked = validateGenerationRequest(body);
  if (!checked.ok) throw checked.error;
  const req = checked.value;
  providerFor(req.provider);
  checkImages(projectId, req);
  const limit = env().MAX_ACTIVE_JOBS_PER_PROJECT;
  if (countActiveGenerations(projectId) >= limit) {
    throw new AppError(
      "rate_limited",
      `This project already has ${limit} generations queued or running; wait for some to finish`,
      { limit },
    );
  }
  const now = nowIso();
  const card = getModel(req.model) as ModelCard; // validation found it
  const row = insertGeneration({
    id: newId("gen"),
    projectId,
    provider: req.provider,
    model: req.model,
    operation: req.operation,
    prompt: req.prompt,
    params: req.params,
    inputAssetIds: req.inputAssetIds,
    maskAssetId: req.maskAssetId,
    status: "queued",
    phase: "queued",
    message: "Waiting to start",
    current: 0,
    total: expectedImageCount(card, req.params),
    retryOf,
    createdAt: now,
    updatedAt: now,
  });
  jobRunner().enqueue(row.id);
  return toGeneration(row);
}
