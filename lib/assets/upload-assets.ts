import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import type { Actor } from "@/lib/auth/principal";
import { hideAssets, type AssetRow } from "@/lib/db/assets";
import { AppError, invalidRequest } from "@/lib/errors";
import { env } from "@/lib/env";
import { requireProject } from "@/lib/projects";
import { removeHiddenAssets } from "./delete-assets";
import { inspectImage, type ImageInfo } from "./inspect-image";
import { saveAsset } from "./save-asset";
import { toAsset } from "./serialize";
import type { Asset } from "@/lib/contracts/assets";

export const MAX_FILES_PER_UPLOAD = 50;

/**
 * Store every `file` part of a multipart upload, or none.
 * 1. Validate the form: `file` parts present, `kind` upload|mask.
 * 2. Check every file (size, content type by magic, pixel count) before writing any.
 * 3. Save them one by one; if one fails, delete those already saved.
 */
export async function uploadAssets(actor: Actor, projectId: string, form: FormData): Promise<Asset[]> {
  requireProject(projectId);
  const kindField = form.get("kind") ?? "upload";
  if (kindField !== "upload" && kindField !== "mask") {
    throw invalidRequest("kind must be 'upload' or 'mask'", [{ path: "kind", message: "expected 'upload' or 'mask'" }]);
  }
  const files = form.getAll("file");
  if (files.length === 0)
    throw invalidRequest("No 'file' part in the upload", [{ path: "file", message: "at least one file is required" }]);
  if (files.length > MAX_FILES_PER_UPLOAD)
    throw invalidRequest(`At most ${MAX_FILES_PER_UPLOAD} files per upload`, [
      { path: "file", message: "too many files" },
    ]);

  const { MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS } = env();
  const checked: { bytes: Uint8Array; info: ImageInfo }[] = [];
  for (const [i, file] of files.entries()) {
    if (typeof file === "string")
      throw invalidRequest("'file' parts must be files", [{ path: `file.${i}`, message: "expected a file" }]);
    const label = file.name || `file ${i + 1}`;
    if (file.size > MAX_UPLOAD_BYTES)
      throw new AppError("payload_too_large", `${label} is larger than ${MAX_UPLOAD_BYTES} bytes`, {
        file: label,
        maxBytes: MAX_UPLOAD_BYTES,
      });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const info = await inspectImage(bytes, MAX_UPLOAD_PIXELS, label);
    if (kindField === "mask" && (info.mimeType !== "image/png" || !info.hasAlpha)) {
      throw invalidRequest(`${label}: a mask must be a PNG with an alpha channel`, [
        { path: `file.${i}`, message: "mask must be PNG with alpha" },
      ]);
    }
    checked.push({ bytes, info });
  }

  const saved: AssetRow[] = [];
  try {
    for (const c of checked) {
      saved.push(
        await saveAsset({ projectId, kind: kindField, bytes: c.bytes, info: c.info, createdBy: actor.userId }),
      );
    }
    recordAudit(actor, {
      action: "asset.upload",
      targetType: "asset",
      targetIds: saved.map((s) => s.id),
      details: { projectId, kind: kindField },
    });
  } catch (err) {
    await removeHiddenAssets(hideAssets(saved.map((s) => s.id)));
    throw err;
  }
  return saved.map(toAsset);
}
