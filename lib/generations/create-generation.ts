import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import sharp from "sharp";
import { assertOffered, catalogForRequest } from "@/lib/catalog";
import { getAssets, type AssetRow } from "@/lib/db/assets";
import { countActiveGenerations, insertGeneration } from "@/lib/db/generations";
import { projectIsLive } from "@/lib/db/projects";
import { nowIso } from "@/lib/db/time";
import { env } from "@/lib/env";
import { AppError, invalidRequest, notFound, type Issue } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { jobRunner } from "@/lib/jobs/runner";
import { requireProject } from "@/lib/projects";
import { providerFor } from "@/lib/providers";
import { storage } from "@/lib/storage";
import { validateGenerationRequest, type ResolvedGenerationRequest } from "@/lib/validation";
import { toGeneration } from "./serialize";
import type { Generation, GenerationPurpose } from "@/lib/contracts/generations";

/** The upstream's mask limit (docs/upstreams.md §B.2, §I.3, §J.3). */
export const MAX_MASK_BYTES = 4 * 1024 * 1024;

async function maskIssues(mask: AssetRow, first: AssetRow | undefined): Promise<Issue[]> {
  const path = "maskAssetId";
  if (mask.mimeType !== "image/png") return [{ path, message: "the mask must be a PNG with an alpha channel" }];
  if (first && (mask.width !== first.width || mask.height !== first.height)) {
    const message = `the mask is ${mask.width}×${mask.height} but the first image is ${first.width}×${first.height}`;
    return [{ path, message }];
  }
  if (mask.bytes >= MAX_MASK_BYTES) {
    return [
      { path, message: `the mask is ${(mask.bytes / 1024 / 1024).toFixed(1)} MB; the upstream takes under 4 MB` },
    ];
  }
  const meta = await sharp(await storage().read(mask.fileKey)).metadata();
  return meta.hasAlpha ? [] : [{ path, message: "the mask has no alpha channel (transparent = the area to repaint)" }];
}

/** Input images and mask must be visible assets of this project; the mask checked as the upstream will. */
async function checkImages(projectId: string, req: ResolvedGenerationRequest): Promise<void> {
  const ids = [...req.inputAssetIds, ...(req.maskAssetId ? [req.maskAssetId] : [])];
  const rows = new Map((await getAssets(ids)).filter((a) => a.projectId === projectId).map((a) => [a.id, a] as const));
  const issues: Issue[] = [];
  req.inputAssetIds.forEach((id, i) => {
    if (!rows.has(id)) issues.push({ path: `inputAssetIds.${i}`, message: `asset '${id}' not found in this project` });
  });
  if (req.maskAssetId) {
    const mask = rows.get(req.maskAssetId);
    if (!mask) issues.push({ path: "maskAssetId", message: `asset '${req.maskAssetId}' not found in this project` });
    else issues.push(...(await maskIssues(mask, rows.get(req.inputAssetIds[0] ?? ""))));
  }
  if (issues.length) throw invalidRequest("Input images are not usable", issues);
}

/**
 * Start a generation.
 * 1. Validate the body against the live catalog's card (nothing reaches the upstream for a rejected
 *    request); a model the gateway no longer offers is `model_unavailable`, with its replacements.
 * 2. Check the provider is configured and the input images (and mask) are usable.
 * 3. Store it as `queued` and hand it, with its resolved card, to the runner; answer at once.
 */
export async function createGeneration(
  actor: Actor,
  projectId: string,
  body: unknown,
  retryOf: string | null = null,
  /** Set by the studio, never by the request body (an AI cutout's results are cutouts). */
  purpose: GenerationPurpose | null = null,
): Promise<Generation> {
  await requireProject(projectId);
  const { lookup, catalog } = await catalogForRequest();
  const checked = validateGenerationRequest(body, lookup);
  if (!checked.ok) {
    // An id the studio hides is refused like one it never knew; say so when it is merely hidden.
    const model = typeof body === "object" && body !== null && "model" in body ? body.model : undefined;
    if (typeof model === "string" && catalog.hidden.has(model))
      throw new AppError("model_unavailable", `${model} is hidden by an admin`, {
        model,
        shutdownDate: null,
        suggested: [],
      });
    throw checked.error;
  }
  const req = checked.value;
  assertOffered(lookup(req.model)!);
  providerFor(req.provider, catalog.gateway);
  await checkImages(projectId, req);
  const limit = env().MAX_ACTIVE_JOBS_PER_PROJECT;
  const now = nowIso();
  // Counted and inserted in one transaction, the project row locked (PostgreSQL; SQLite has one writer):
  // concurrent requests, from any process, cannot pass the limit together.
  const insert = async () => {
    if (!(await projectIsLive(projectId, "update"))) throw notFound("project", projectId);
    if ((await countActiveGenerations(projectId)) >= limit) {
      throw new AppError(
        "rate_limited",
        `This project already has ${limit} generations queued or running; wait for some to finish`,
        { limit },
      );
    }
    return insertGeneration({
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
      total: req.total,
      retryOf,
      purpose,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
  };
  const row = await audited(actor, insert, (g) => ({
    action: "generation.create",
    targetType: "generation",
    targetIds: [g.id],
    details: { projectId, model: g.model, operation: g.operation, total: g.total, ...(retryOf ? { retryOf } : {}) },
  }));
  jobRunner().enqueue(row.id, req.card);
  return toGeneration(row);
}
