// GET /api/assets/:assetId – metadata; DELETE – the asset and its files (404 everywhere afterwards)
import { deleteAsset } from "@/lib/assets/delete-assets";
import { findAsset } from "@/lib/assets/list-assets";
import { toAsset } from "@/lib/assets/serialize";
import { json, methodNotAllowed, noContent, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ assetId: string }> };

const assetIdOf = async (ctx: Ctx) => requireId((await ctx.params).assetId, "ast", "asset");

export const GET = route(async (_req, ctx: Ctx) => json({ asset: toAsset(await findAsset(await assetIdOf(ctx))) }));

// Own assets for a creator, anyone's for a manager (checked with the delete, in its transaction).
export const DELETE = route(
  async (_req, ctx: Ctx, actor) => {
    await deleteAsset(actor, await assetIdOf(ctx));
    return noContent();
  },
  { permission: "modifyOwn" },
);

const notAllowed = methodNotAllowed(["GET", "DELETE"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
