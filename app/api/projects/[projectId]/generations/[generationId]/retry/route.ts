// POST /api/projects/:projectId/generations/:generationId/retry – a new job with the same request (202),
// optionally `{ "model" }` to retry on a replacement model
import { retryBodySchema, retryGeneration } from "@/lib/generations";
import { json, methodNotAllowed, readOptionalJsonBody, requireId, route } from "@/lib/http";
import { invalidRequest } from "@/lib/errors";
import { toIssues } from "@/lib/validation";

type Ctx = { params: Promise<{ projectId: string; generationId: string }> };

export const POST = route(async (req, ctx: Ctx, actor) => {
  const { projectId, generationId } = await ctx.params;
  const parsed = retryBodySchema.safeParse(await readOptionalJsonBody(req));
  if (!parsed.success) throw invalidRequest("Invalid retry body", toIssues(parsed.error.issues));
  const generation = await retryGeneration(
    actor,
    requireId(projectId, "prj", "project"),
    requireId(generationId, "gen", "generation"),
    parsed.data,
  );
  return json({ generation }, 202);
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
