// POST /api/projects/:projectId/generations/:generationId/cancel – final; aborts the upstream; 409 once ended
import { cancelGeneration } from "@/lib/generations";
import { json, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

export const POST = route(async (_req, ctx: Ctx) => {
  const { projectId, generationId } = await ctx.params;
  return json({
    generation: cancelGeneration(requireId(projectId, "prj", "project"), requireId(generationId, "gen", "generation")),
  });
});
