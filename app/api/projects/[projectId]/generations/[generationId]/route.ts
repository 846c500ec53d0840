// GET /api/projects/:projectId/generations/:generationId – one generation
import { findGeneration } from "@/lib/generations";
import { json, methodNotAllowed, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

export const GET = route(async (_req, ctx: Ctx) => {
  const { projectId, generationId } = await ctx.params;
  return json({
    generation: await findGeneration(
      requireId(projectId, "prj", "project"),
      requireId(generationId, "gen", "generation"),
    ),
  });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
