// GET /api/exports/:exportId/download – the export, streamed as an attachment
import { downloadExport } from "@/lib/export";
import { requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ exportId: string }> };

export const GET = route(async (_req, ctx: Ctx) =>
  downloadExport(requireId((await ctx.params).exportId, "exp", "export")),
);
