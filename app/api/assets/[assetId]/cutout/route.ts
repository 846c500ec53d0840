// POST /api/assets/:assetId/cutout – local: background removed now (201 asset); ai: a transparent-background edit job (202)
import { aiCutoutGeneration, cutoutRequestSchema, localCutoutAsset } from "@/lib/cutout";
import { json, methodNotAllowed, readJson, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ assetId: string }> };

export const POST = route(async (req, ctx: Ctx, actor) => {
  const assetId = requireId((await ctx.params).assetId, "ast", "asset");
  const body = await readJson(req, cutoutRequestSchema);
  if (body.mode === "local") return json({ asset: await localCutoutAsset(actor, assetId, body) }, 201);
  return json({ generation: await aiCutoutGeneration(actor, assetId, body) }, 202);
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
