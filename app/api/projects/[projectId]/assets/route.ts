// GET /api/projects/:projectId/assets – keyset page, newest first; POST – multipart upload (all or nothing)
import { assetListQuerySchema, listAssets } from "@/lib/assets/list-assets";
import { MAX_FILES_PER_UPLOAD, uploadAssets } from "@/lib/assets/upload-assets";
import { env } from "@/lib/env";
import { json, readForm, readQuery, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string }> };

const projectIdOf = async (ctx: Ctx) => requireId((await ctx.params).projectId, "prj", "project");

export const GET = route(async (req, ctx: Ctx) => {
  const id = await projectIdOf(ctx);
  return json(listAssets(id, readQuery(req, assetListQuerySchema)));
});

export const POST = route(async (req, ctx: Ctx, actor) => {
  const id = await projectIdOf(ctx);
  const form = await readForm(req, env().MAX_UPLOAD_BYTES * MAX_FILES_PER_UPLOAD);
  return json({ assets: await uploadAssets(actor, id, form) }, 201);
});
