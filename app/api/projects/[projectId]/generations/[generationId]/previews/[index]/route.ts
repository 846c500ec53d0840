// GET /api/projects/:projectId/generations/:generationId/previews/:index – a streamed partial image (WebP)
import { findGenerationPreview } from "@/lib/generations";
import { notFound } from "@/lib/errors";
import { methodNotAllowed, requireId, route } from "@/lib/http";
import { storage } from "@/lib/storage";

type Ctx = { params: Promise<{ projectId: string; generationId: string; index: string }> };

export const GET = route(async (_req, ctx: Ctx) => {
  const { projectId, generationId, index } = await ctx.params;
  if (!/^\d$/.test(index)) throw notFound("preview", index);
  const key = await findGenerationPreview(
    requireId(projectId, "prj", "project"),
    requireId(generationId, "gen", "generation"),
    Number(index),
  );
  const size = await storage().size(key);
  if (size === null) throw notFound("preview", index);
  // A preview lives only while its job runs: never cached.
  const headers = { "content-type": "image/webp", "cache-control": "no-store", "content-length": String(size) };
  return new Response(storage().stream(key), { headers });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
