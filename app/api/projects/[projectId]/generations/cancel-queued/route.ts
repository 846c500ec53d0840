// POST /api/projects/:projectId/generations/cancel-queued – cancel every queued job the caller may cancel
import { cancelQueuedGenerations } from "@/lib/generations";
import { json, methodNotAllowed, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string }> };

export const POST = route(
  async (_req, ctx: Ctx, actor) => {
    const projectId = requireId((await ctx.params).projectId, "prj", "project");
    return json(await cancelQueuedGenerations(actor, projectId));
  },
  { permission: "modifyOwn" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
