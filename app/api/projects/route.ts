// GET /api/projects – list projects; POST /api/projects – create one
import { json, methodNotAllowed, readJson, route } from "@/lib/http";
import { createProject, listAllProjects } from "@/lib/projects";
import { projectInputSchema } from "@/lib/contracts/projects";

export const GET = route(async () => json({ projects: await listAllProjects() }));

export const POST = route(async (req, _ctx, actor) => {
  const { name } = await readJson(req, projectInputSchema);
  return json({ project: await createProject(actor, name) }, 201);
});

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
