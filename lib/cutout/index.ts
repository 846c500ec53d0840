import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { z } from "zod";
import { findAsset } from "@/lib/assets/list-assets";
import { saveAsset } from "@/lib/assets/save-asset";
import { toAsset } from "@/lib/assets/serialize";
import type { Asset } from "@/lib/contracts/assets";
import { catalogForRequest } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { createGeneration } from "@/lib/generations";
import type { Generation } from "@/lib/contracts/generations";
import { storage } from "@/lib/storage";
import { paramsObjectSchema } from "@/lib/validation/generation-request";
import { localCutout, localCutoutParamsSchema } from "./local-cutout";

export const AI_CUTOUT_PROMPT =
  "Remove the background completely. Keep the product exactly as it is — shape, colours, label and details unchanged — on a fully transparent background.";

export const cutoutRequestSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("local"),
    params: localCutoutParamsSchema.default(localCutoutParamsSchema.parse({})),
  }),
  z.strictObject({
    mode: z.literal("ai"),
    /** Absent: the first model the catalog offers that edits with a transparent background. */
    model: z.string().min(1).optional(),
    prompt: z.string().min(1).max(32000).optional(),
    // As the generation route takes them: every key kept (z.record drops `__proto__`) and checked by the card.
    params: paramsObjectSchema
      .refine((p) => p.background === undefined || p.background === "transparent", {
        error: "an AI cutout always asks for a transparent background; leave background out",
        path: ["background"],
      })
      .default({}),
  }),
]);

export type CutoutRequest = z.infer<typeof cutoutRequestSchema>;

/** Local cutout: runs now, answers the new `cutout` asset (PNG with alpha, lineage = the source). */
export async function localCutoutAsset(
  actor: Actor,
  assetId: string,
  req: Extract<CutoutRequest, { mode: "local" }>,
): Promise<Asset> {
  const source = await findAsset(assetId);
  if (source.kind === "mask") throw new AppError("invalid_request", "A mask cannot be cut out", { assetId });
  const png = await localCutout(await storage().read(source.fileKey), req.params);
  const row = await saveAsset({
    projectId: source.projectId,
    kind: "cutout",
    bytes: png,
    prompt: source.prompt,
    model: null,
    params: { mode: "local", ...req.params },
    parentAssetIds: [source.id],
    createdBy: actor.userId,
  });
  await recordAudit(actor, {
    action: "asset.cutout",
    targetType: "asset",
    targetIds: [row.id],
    details: { projectId: source.projectId, sourceId: source.id, mode: "local" },
  });
  return toAsset(row);
}

/**
 * AI cutout: an `edit` generation of the source asking for a transparent PNG, through the same
 * validation as any generation (a model without transparent backgrounds is refused with its reason). Its
 * purpose is `cutout`: the results are saved as `kind: cutout` at the source's size (lib/jobs/run-generation.ts).
 */
async function defaultCutoutModel(): Promise<string> {
  const { catalog } = await catalogForRequest();
  const capable = catalog.models.find(
    (m) =>
      m.availability !== "unavailable" &&
      m.operations.includes("edit") &&
      m.featureTags.includes("oa_transparent_background"),
  );
  if (!capable) {
    throw new AppError("operation_not_supported", "No available model can cut out with a transparent background", {});
  }
  return capable.id;
}

export async function aiCutoutGeneration(
  actor: Actor,
  assetId: string,
  req: Extract<CutoutRequest, { mode: "ai" }>,
): Promise<Generation> {
  const source = await findAsset(assetId);
  const params = { ...req.params, background: "transparent", output_format: req.params.output_format ?? "png" };
  const model = req.model ?? (await defaultCutoutModel());
  return createGeneration(
    actor,
    source.projectId,
    { model, operation: "edit", prompt: req.prompt ?? AI_CUTOUT_PROMPT, params, inputAssetIds: [source.id] },
    null,
    "cutout",
  );
}
