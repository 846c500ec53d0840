// POST /api/projects/:projectId/generations/:generationId/cancel – final; aborts the upstream; 409 once ended
import { cancelGeneration } from "@/lib/generations";
import { json, methodNotAllowed, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

// A creator cancels their own jobs, a manager anyone's (checked in cancelGeneration).
export const POST = route(
  async (_req, ctx: Ctx, actor) => {
    const { projectId, generationId } = await ctx.params;
    const [p, g] = [requireId(projectId, "prj", "project"), requireId(generationId, "gen", "generation")];
    return json({ generation: await cancelGeneration(actor, p, g) });
  },
  { permission: "modifyOwn" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
