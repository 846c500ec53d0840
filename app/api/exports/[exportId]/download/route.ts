// GET /api/exports/:exportId/download – the export, streamed as an attachment; HEAD – its headers only
import { downloadExport } from "@/lib/export";
import { methodNotAllowed, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ exportId: string }> };

const exportIdOf = async (ctx: Ctx) => requireId((await ctx.params).exportId, "exp", "export");

export const GET = route(async (_req, ctx: Ctx) => downloadExport(await exportIdOf(ctx)));

// Not left to Next.js's HEAD-from-GET: that drops the body unread, and a ZIP body holds its files until it
// ends or is cancelled. Here the body is cancelled at once, which lets them go.
export const HEAD = route(async (_req, ctx: Ctx) => {
  const res = await downloadExport(await exportIdOf(ctx));
  await res.body?.cancel();
  return new Response(null, { status: res.status, headers: res.headers });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
