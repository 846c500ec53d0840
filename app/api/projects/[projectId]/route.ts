// GET/PATCH/DELETE /api/projects/:projectId – read, rename, delete (with its generations, assets, files)
import { json, methodNotAllowed, noContent, readJson, requireId, route } from "@/lib/http";
import { deleteProject, findProject, updateProjectName } from "@/lib/projects";
import { projectInputSchema } from "@/lib/contracts/projects";

type Ctx = { params: Promise<{ projectId: string }> };

const projectIdOf = async (ctx: Ctx) => requireId((await ctx.params).projectId, "prj", "project");

export const GET = route(async (_req, ctx: Ctx) => json({ project: await findProject(await projectIdOf(ctx)) }));

// Renaming and deleting a project are a manager's (docs/api.md roles table), whoever created it.
export const PATCH = route(
  async (req, ctx: Ctx, actor) => {
    const id = await projectIdOf(ctx);
    const { name } = await readJson(req, projectInputSchema);
    return json({ project: await updateProjectName(actor, id, name) });
  },
  { permission: "manage" },
);

export const DELETE = route(
  async (_req, ctx: Ctx, actor) => {
    await deleteProject(actor, await projectIdOf(ctx));
    return noContent();
  },
  { permission: "manage" },
);

const notAllowed = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { notAllowed as POST, notAllowed as PUT };
