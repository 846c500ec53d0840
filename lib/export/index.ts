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
import { getProject } from "@/lib/db/projects";
import { findProject } from "@/lib/projects";
import { asciiFold, contentDisposition } from "@/lib/content-disposition";
import { cleanText, sanitizeFileName } from "@/lib/contracts/file-names";
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

/** Project names are cut to this many characters in an export's file name. */
const EXPORT_NAME_CHARS = 80;

/**
 * An export's file name: `<project name>-<YYYY-MM-DD>-<HHMMSS>.<format>` (UTC, the export's creation), the
 * project being the export's own, or the one every asset in it belongs to; `atelier-…` when the assets come
 * from several projects or the name keeps nothing. The name's `/` `\` `:` and other characters file systems
 * refuse become `-`. `ascii` is the all-ASCII `filename=` fallback (`atelier-…` for an all-Chinese name).
 */
async function exportFileName(
  projectId: string | null,
  rows: AssetRow[],
  createdAt: string,
  format: string,
): Promise<{ full: string; ascii: string }> {
  const stamp = `${createdAt.slice(0, 10)}-${createdAt.slice(11, 19).replace(/:/g, "")}`;
  const ascii = `atelier-${stamp}.${format}`;
  const only =
    projectId ?? (rows.length && rows.every((r) => r.projectId === rows[0].projectId) ? rows[0].projectId : null);
  const project = only ? await getProject(only) : undefined;
  const label = project
    ? sanitizeFileName(cleanText(project.name).replace(/[\\/<>:"|?*]/g, "-"), EXPORT_NAME_CHARS)
    : null;
  if (!label) return { full: ascii, ascii };
  return { full: `${label}-${stamp}.${format}`, ascii: `${asciiFold(label) ?? "atelier"}-${stamp}.${format}` };
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
  const name = await exportFileName(exp.projectId, rows, exp.createdAt, format);
  const headers: Record<string, string> = {
    "content-type": exportFormat(format).contentType,
    "content-disposition": contentDisposition("attachment", name.full, name.ascii, name.ascii),
    "cache-control": "no-store",
  };
  const { stream, size, count } = await WRITERS[format](rows);
  headers["x-export-count"] = String(count);
  if (size !== undefined && size >= 0) headers["content-length"] = String(size);
  return new Response(stream, { headers });
}
