// GET /api/projects/:projectId/assets – keyset page, newest first; POST – multipart upload (all or nothing)
import { assetListQuerySchema, listAssets } from "@/lib/assets/list-assets";
import { uploadAssets } from "@/lib/assets/upload-assets";
import { misaddressed } from "@/lib/auth/hosts";
import { json, methodNotAllowed, readQuery, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string }> };

const projectIdOf = async (ctx: Ctx) => requireId((await ctx.params).projectId, "prj", "project");

/** proxy.ts skips this path (uploads are larger than what it may buffer): the Host check is here. */
const hostChecked =
  <C>(handler: (req: Request, ctx: C) => Promise<Response> | Response) =>
  async (req: Request, ctx: C): Promise<Response> =>
    misaddressed(req) ?? handler(req, ctx);

export const GET = hostChecked(
  route(async (req, ctx: Ctx) => {
    const id = await projectIdOf(ctx);
    return json(await listAssets(id, readQuery(req, assetListQuerySchema)));
  }),
);

/** The body streams to staging under the limits of `uploadLimits()`; see uploadAssets. */
export const POST = hostChecked(
  route(async (req, ctx: Ctx, actor) => {
    const id = await projectIdOf(ctx);
    return json({ assets: await uploadAssets(actor, id, req) }, 201);
  }),
);

const notAllowed = hostChecked(methodNotAllowed(["GET", "POST"]));
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
