// GET /api/projects/:projectId/events – the project's live events (Server-Sent Events; lib/events/stream.ts)
import { projectEventStream } from "@/lib/events/stream";
import { methodNotAllowed, requireId, route } from "@/lib/http";
import { requireProject } from "@/lib/projects";

type Ctx = { params: Promise<{ projectId: string }> };

export const GET = route(
  async (req, ctx: Ctx) => {
    const projectId = requireId((await ctx.params).projectId, "prj", "project");
    await requireProject(projectId);
    return projectEventStream(req, projectId);
  },
  { permission: "read" },
);

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
