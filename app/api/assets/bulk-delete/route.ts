// POST /api/assets/bulk-delete – delete many assets; answers which were deleted and which were not found
import { z } from "zod";
import { BULK_DELETE_MAX, bulkDeleteAssets } from "@/lib/assets/delete-assets";
import { json, methodNotAllowed, readJson, route } from "@/lib/http";

const bodySchema = z.strictObject({ assetIds: z.array(z.string().min(1).max(64)).min(1).max(BULK_DELETE_MAX) });

export const POST = route(
  async (req, _ctx, actor) => {
    const { assetIds } = await readJson(req, bodySchema);
    return json(await bulkDeleteAssets(actor, assetIds));
  },
  { permission: "modifyOwn" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
