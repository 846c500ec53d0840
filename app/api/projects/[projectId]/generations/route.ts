// POST /api/projects/:projectId/generations – validate and start a job (202); GET – list, newest first
import { createGeneration, generationListQuerySchema, listProjectGenerations } from "@/lib/generations";
import { json, methodNotAllowed, readJsonBody, readQuery, requireId, route } from "@/lib/http";

type Ctx = { params: Promise<{ projectId: string }> };

const projectIdOf = async (ctx: Ctx) => requireId((await ctx.params).projectId, "prj", "project");

export const GET = route(async (req, ctx: Ctx) => {
  const id = await projectIdOf(ctx);
  return json({ generations: await listProjectGenerations(id, readQuery(req, generationListQuerySchema)) });
});

export const POST = route(async (req, ctx: Ctx, actor) => {
  const id = await projectIdOf(ctx);
  return json({ generation: await createGeneration(actor, id, await readJsonBody(req)) }, 202);
});

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
