// GET /api/projects/:projectId/generations/:generationId/status – the small view polled while a job runs
import { findGeneration } from "@/lib/generations";
import { toStatusView } from "@/lib/generations/serialize";
import { json, methodNotAllowed, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

export const GET = route(async (_req, ctx: Ctx) => {
  const { projectId, generationId } = await ctx.params;
  const g = await findGeneration(requireId(projectId, "prj", "project"), requireId(generationId, "gen", "generation"));
  return json(toStatusView(g), 200, { "cache-control": "no-store" });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
