import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { z } from "zod";
import { getAssets, listProjectAssets, type AssetRow } from "@/lib/db/assets";
import { transaction } from "@/lib/db/client";
import { getExport, insertExport } from "@/lib/db/exports";
import { nowIso } from "@/lib/db/time";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findProject } from "@/lib/projects";
import { EXPORT_FORMAT_IDS, exportFormat } from "@/lib/contracts/export-formats";
import { WRITERS } from "./writers";

export const EXPORT_MAX_ASSETS = 100_000;

export const exportRequestSchema = z.union([
  z.strictObject({
    format: z.enum(EXPORT_FORMAT_IDS),
    assetIds: z.array(z.string().min(1).max(64)).min(1).max(EXPORT_MAX_ASSETS),
  }),
  z.strictObject({ format: z.enum(EXPORT_FORMAT_IDS), projectId: z.string().min(1).max(64) }),
]);

export type ExportRequest = z.infer<typeof exportRequestSchema>;

/**
 * Record an export: the asset ids are fixed now (a whole project's, newest first, or the given ones
 * in the given order); the archive is produced when it is downloaded. Unknown ids are a 404 naming them.
 */
export async function createExport(
  actor: Actor,
  req: ExportRequest,
): Promise<{ exportId: string; downloadUrl: string; count: number }> {
  let ids: string[];
  let projectId: string | null = null;
  if ("projectId" in req) {
    projectId = (await findProject(req.projectId)).id;
    ids = (await listProjectAssets(projectId)).map((a) => a.id);
  } else {
    ids = [...new Set(req.assetIds)];
    const found = new Set((await getAssets(ids)).map((a) => a.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError("not_found", `${missing.length} asset(s) not found`, { notFound: missing });
  }
  const id = newId("exp");
  await audited(
    actor,
    () => insertExport({ id, projectId, format: req.format, assetIds: ids, count: ids.length, createdAt: nowIso() }),
    () => ({
      action: "export.create",
      targetType: "export",
      targetIds: [id],
      details: { projectId, format: req.format, count: ids.length },
    }),
  );
  return { exportId: id, downloadUrl: `/api/exports/${id}/download`, count: ids.length };
}

/**
 * The download, streamed. Assets deleted since the export was created are left out. The rows are read
 * once, now, in one read transaction (a consistent snapshot even with another process writing): JSON and
 * CSV are rendered from that snapshot, so deletes during the download change nothing in them; a ZIP holds
 * the files of that snapshot from before its first byte on (see zipStream).
 */
export async function downloadExport(exportId: string): Promise<Response> {
  const exp = await getExport(exportId);
  if (!exp) throw notFound("export", exportId);
  const snapshot = await transaction(() => getAssets(exp.assetIds));
  const byId = new Map<string, AssetRow>(snapshot.map((a) => [a.id, a]));
  const rows = exp.assetIds.flatMap((id) => byId.get(id) ?? []);
  const format = exp.format;
  const stamp = exp.createdAt.slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const headers: Record<string, string> = {
    "content-type": exportFormat(format).contentType,
    "content-disposition": `attachment; filename="atelier-${stamp}.${format}"`,
    "cache-control": "no-store",
  };
  const { stream, size, count } = await WRITERS[format](rows);
  headers["x-export-count"] = String(count);
  if (size !== undefined && size >= 0) headers["content-length"] = String(size);
  return new Response(stream, { headers });
}
