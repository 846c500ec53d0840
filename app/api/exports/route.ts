// POST /api/exports – fix the assets of a ZIP / JSON / CSV export; answers its download URL
import { createExport, exportRequestSchema } from "@/lib/export";
import { json, methodNotAllowed, readJson, route } from "@/lib/http";

export const POST = route(async (req, _ctx, actor) =>
  json(await createExport(actor, await readJson(req, exportRequestSchema)), 201),
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
