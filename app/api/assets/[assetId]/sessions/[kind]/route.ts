// GET /api/assets/:assetId/sessions/:kind – the asset's mask history or cutout session (or null);
// PUT – store a new one, based on the version the browser last saw (409 with the stored one when that is stale)
import { z } from "zod";
import {
  isSessionKind,
  nestsDeeperThan,
  SESSION_MAX_BYTES,
  SESSION_MAX_DEPTH,
  type SessionKind,
} from "@/lib/canvas/sessions";
import { getAssetSession, saveAssetSession, sessionAssetExists } from "@/lib/db/asset-sessions";
import { AppError, conflict, invalidRequest, notFound } from "@/lib/errors";
import { json, methodNotAllowed, readBoundedText, requireId, route } from "@/lib/http";
import { toIssues } from "@/lib/validation";

type Ctx = { params: Promise<{ assetId: string; kind: string }> };

/** The asset and kind named by the path: 404 for a malformed id, an unknown kind, or an asset that cannot have one. */
async function target(ctx: Ctx): Promise<{ assetId: string; kind: SessionKind }> {
  const params = await ctx.params;
  const assetId = requireId(params.assetId, "ast", "asset");
  if (!isSessionKind(params.kind)) throw notFound("session", params.kind);
  if (!(await sessionAssetExists(assetId))) throw notFound("asset", assetId);
  return { assetId, kind: params.kind };
}

const putSchema = z.strictObject({
  data: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(1).nullable(),
});

/**
 * The body, bounded by SESSION_MAX_BYTES (not MAX_JSON_BYTES: a long mask history is larger) while it streams,
 * JSON only (415 otherwise, as every JSON route), `data` an object nesting at most SESSION_MAX_DEPTH deep.
 */
async function readSessionBody(req: Request): Promise<z.infer<typeof putSchema>> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    await req.body?.cancel().catch(() => undefined);
    throw new AppError("unsupported_media_type", "The body must be application/json", { contentType: type || null });
  }
  const text = await readBoundedText(req, SESSION_MAX_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest("Body is not valid JSON");
  }
  const parsed = putSchema.safeParse(value);
  if (!parsed.success) throw invalidRequest("Request body failed validation", toIssues(parsed.error.issues));
  if (nestsDeeperThan(parsed.data.data, SESSION_MAX_DEPTH))
    throw invalidRequest("Request body failed validation", [
      { path: "data", message: `nests deeper than ${SESSION_MAX_DEPTH} levels` },
    ]);
  return parsed.data;
}

export const GET = route(async (_req, ctx: Ctx) => {
  const { assetId, kind } = await target(ctx);
  return json({ session: await getAssetSession(assetId, kind) });
});

// Whoever may edit (`create`: creators and up; the route's default for a PUT). Not audited: one save per stroke.
export const PUT = route(async (req, ctx: Ctx, actor) => {
  const { assetId, kind } = await target(ctx);
  const body = await readSessionBody(req);
  const saved = await saveAssetSession(assetId, kind, JSON.stringify(body.data), body.baseVersion, actor.userId);
  if (saved.ok) return json({ session: saved.session });
  if (saved.reason === "not_found") throw notFound("asset", assetId);
  throw conflict(
    saved.current
      ? `The ${kind} session is at version ${saved.current.version}, not ${body.baseVersion ?? "none"}`
      : `There is no ${kind} session to update`,
    { current: saved.current },
  );
});

const notAllowed = methodNotAllowed(["GET", "PUT"]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
