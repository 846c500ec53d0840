// POST /api/projects/:projectId/generations/:generationId/retry – a new job with the same request (202)
import { retryGeneration } from "@/lib/generations";
import { json, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

export const POST = route(async (_req, ctx: Ctx) => {
  const { projectId, generationId } = await ctx.params;
  return json(
    {
      generation: retryGeneration(requireId(projectId, "prj", "project"), requireId(generationId, "gen", "generation")),
    },
    202,
  );
});
