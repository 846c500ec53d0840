import { z } from "zod";
import type { Issue } from "@/lib/errors";
import { AppError, invalidRequest } from "@/lib/errors";
import type { ModelCard, Operation, ProviderId } from "@/lib/models";
import { getModel, OPERATIONS } from "@/lib/models";
import { imageCountIsCeiling, requestedImageCount } from "./image-count";
import { chosenParams, unsupportedParam, validateParams } from "./params";

/**
 * The body of `POST /api/projects/:projectId/generations`, checked against the registry
 * (docs/api.md "Errors" and "Fine print"). Card-specific problems are zod issues carrying an
 * `appCode` param, so one schema serves the panel and `validateGenerationRequest`.
 */

/** Loose on the tail so a well-formed but unknown id reaches the lookup and becomes a 404. */
const ASSET_ID_RE = /^ast_[0-9a-z]{1,64}$/;
const assetId = z
  .string({ error: "must be an asset id (ast_…)" })
  .regex(ASSET_ID_RE, { error: "must be an asset id (ast_…)" });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A request's `params`: any object, every key kept (the card decides what it takes). */
export const paramsObjectSchema = z.custom<Record<string, unknown>>(isPlainObject, { error: "must be an object" });

const bodySchema = z.strictObject({
  model: z.string({ error: "must be a model id" }).min(1, { error: "must be a model id" }),
  operation: z.enum(OPERATIONS, { error: `must be one of ${OPERATIONS.join(", ")}` }),
  prompt: z.string({ error: "must be a string" }).refine((s) => s.trim() !== "", { error: "must not be empty" }),
  // Not z.record: it drops a `__proto__` key silently, and nothing may be dropped silently.
  params: paramsObjectSchema.optional(),
  inputAssetIds: z.array(assetId, { error: "must be an array of asset ids" }).optional(),
  maskAssetId: assetId.nullable().optional(),
});

type Body = z.output<typeof bodySchema>;
type AppCode = "operation_not_supported" | "param_not_supported";

/** Finds the card of a model id: the server's live catalog, or the cards the panel was served. */
export type CardLookup = (id: string) => ModelCard | undefined;

/** A request checked once and resolved once: the job carries it to the provider. */
export interface ResolvedGenerationRequest {
  card: ModelCard;
  model: string;
  provider: ProviderId;
  operation: Operation;
  prompt: string;
  /** The params the user chose (plus `alwaysSend` ones): what is sent and stored. */
  params: Record<string, unknown>;
  inputAssetIds: string[];
  maskAssetId: string | null;
  /** Images asked for (`total`), and whether the model may return fewer with nothing failed. */
  total: number;
  totalIsCeiling: boolean;
}

function imageIssues(card: ModelCard, body: Body): Issue[] {
  const ids = body.inputAssetIds ?? [];
  const mask = body.maskAssetId ?? null;
  if (body.operation === "generate") {
    const issues: Issue[] = [];
    if (ids.length > 0)
      issues.push({ path: "inputAssetIds", message: "generate takes no input images (use operation 'edit')" });
    if (mask) issues.push({ path: "maskAssetId", message: "a mask is only taken by edit" });
    return issues;
  }
  const issues: Issue[] = [];
  if (ids.length === 0) issues.push({ path: "inputAssetIds", message: "edit needs at least one input image" });
  if (ids.length > card.limits.maxImages) {
    issues.push({ path: "inputAssetIds", message: `${card.id} takes at most ${card.limits.maxImages} input images` });
  }
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) issues.push({ path: `inputAssetIds.${i}`, message: `duplicate asset id '${id}'` });
  });
  if (mask && !card.featureTags.includes("oa_mask"))
    issues.push({ path: "maskAssetId", message: `${card.id} takes no mask` });
  return issues;
}

/** Ark counts reference images and generated images against one budget (§G.2: ≤ 15 together). */
function totalImageIssues(card: ModelCard, body: Body, params: Record<string, unknown>): Issue[] {
  const max = card.limits.maxTotalImages;
  const inputs = body.inputAssetIds?.length ?? 0;
  if (max === undefined || inputs === 0) return [];
  const count = requestedImageCount(card, params);
  if (inputs + count <= max) return [];
  const name = card.imageCount?.param ?? "n";
  const path = params[name] !== undefined ? `params.${name}` : "inputAssetIds";
  return [
    {
      path,
      message: `${card.id} takes at most ${max} images in all: ${inputs} input images plus ${count} to generate is ${inputs + count}`,
    },
  ];
}

function promptIssues(card: ModelCard, prompt: string): Issue[] {
  const chars = [...prompt].length; // code points, not UTF-16 units
  const max = card.limits.maxPromptChars;
  return chars > max ? [{ path: "prompt", message: `${card.id} takes at most ${max} characters (got ${chars})` }] : [];
}

function checkAgainstCard(lookup: CardLookup, body: Body, ctx: z.RefinementCtx): void {
  const card = lookup(body.model);
  if (!card) return void ctx.addIssue({ code: "custom", path: ["model"], message: `unknown model '${body.model}'` });
  const model = card.id;
  const operation = body.operation;
  if (!card.operations.includes(operation)) {
    const message = `${model} does not support ${operation}`;
    return void ctx.addIssue({
      code: "custom",
      path: ["operation"],
      message,
      params: { appCode: "operation_not_supported", model, operation },
    });
  }
  const params = body.params ?? {};
  const unsupported = Object.keys(params).flatMap((name) => unsupportedParam(card, operation, name) ?? []);
  for (const u of unsupported) {
    const extra = { appCode: "param_not_supported", param: u.param, model, operation };
    ctx.addIssue({ code: "custom", path: ["params", u.param], message: u.message, params: extra });
  }
  if (unsupported.length > 0) return;
  const issues = [
    ...validateParams(card, operation, params),
    ...promptIssues(card, body.prompt),
    ...imageIssues(card, body),
  ];
  if (issues.length === 0) issues.push(...totalImageIssues(card, body, params));
  for (const i of issues) ctx.addIssue({ code: "custom", path: i.path.split("."), message: i.message });
}

function toResolved(lookup: CardLookup, body: Body): ResolvedGenerationRequest {
  const card = lookup(body.model) as ModelCard; // checkAgainstCard found it
  const params = body.params ?? {};
  return {
    card,
    model: card.id,
    provider: card.provider,
    operation: body.operation,
    prompt: body.prompt,
    params: chosenParams(card, body.operation, params),
    inputAssetIds: body.inputAssetIds ?? [],
    maskAssetId: body.maskAssetId ?? null,
    total: requestedImageCount(card, params),
    totalIsCeiling: imageCountIsCeiling(card, params),
  };
}

/** The generation body schema against a set of cards; its output is the resolved request. */
export function generationRequestSchemaFor(lookup: CardLookup) {
  return bodySchema
    .superRefine((body, ctx) => checkAgainstCard(lookup, body, ctx))
    .transform((body) => toResolved(lookup, body));
}

/** Against the built-in registry (ids a family recognises included). */
export const generationRequestSchema = generationRequestSchemaFor(getModel);

/** zod issues → docs/api.md issues: dotted paths, one entry per unknown key. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((i) => {
    const base = i.path.map(String);
    if (base.length === 0 && i.code === "invalid_type")
      return [{ path: "", message: "the body must be a JSON object" }];
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({ path: [...base, k].join("."), message: `unknown field '${k}'` }));
    }
    return [{ path: base.join("."), message: i.message }];
  });
}

function appCodeOf(issue: z.core.$ZodIssue): AppCode | undefined {
  return issue.code === "custom" ? (issue.params?.appCode as AppCode | undefined) : undefined;
}

function toAppError(issues: readonly z.core.$ZodIssue[]): AppError {
  for (const code of ["operation_not_supported", "param_not_supported"] as const) {
    const hit = issues.find((i) => appCodeOf(i) === code);
    if (hit && hit.code === "custom") {
      const { appCode: _appCode, ...details } = hit.params ?? {};
      return new AppError(code, hit.message, details);
    }
  }
  const list = toIssues(issues);
  const first = list[0];
  const more = list.length > 1 ? ` (and ${list.length - 1} more)` : "";
  const head = first ? (first.path ? `${first.path} ${first.message}` : first.message) : "bad body";
  return invalidRequest(`Invalid request: ${head}${more}`, list);
}

export type GenerationValidation = { ok: true; value: ResolvedGenerationRequest } | { ok: false; error: AppError };

/** One schema per lookup (the server's catalog hands out one lookup per catalog version). */
const schemas = new WeakMap<CardLookup, ReturnType<typeof generationRequestSchemaFor>>([
  [getModel, generationRequestSchema],
]);

/** The whole check of a generation request; nothing rejected here may reach an upstream. */
export function validateGenerationRequest(body: unknown, lookup: CardLookup = getModel): GenerationValidation {
  let schema = schemas.get(lookup);
  if (!schema) schemas.set(lookup, (schema = generationRequestSchemaFor(lookup)));
  const r = schema.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: toAppError(r.error.issues) };
}
