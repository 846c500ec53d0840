"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { toastError } from "@/components/errors/toast-error";
import { ApiError } from "@/lib/client/api";
import {
  bulkDeleteAssets,
  createExport,
  deleteAsset,
  downloadUrl,
  uploadFiles,
  type ExportFormat,
} from "@/lib/client/studio-api";
import { useAssets } from "@/lib/stores/assets";
import { forgetAssets as forget } from "@/lib/stores/forget-assets";
import { toast } from "@/lib/stores/toasts";

export const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** Delete, export and upload, each ending in a toast. */
export function useAssetActions() {
  const { t } = useI18n();

  async function remove(ids: string[]): Promise<boolean> {
    try {
      // Someone (another tab, a teammate) may have deleted some first: say so rather than claim the delete.
      let deleted = ids;
      let gone: string[] = [];
      if (ids.length === 1) {
        await deleteAsset(ids[0]).catch((err) => {
          if (!(err instanceof ApiError && err.code === "not_found")) throw err;
          [deleted, gone] = [[], ids];
        });
      } else {
        ({ deleted, notFound: gone } = await bulkDeleteAssets(ids));
      }
      forget([...deleted, ...gone]);
      if (deleted.length) toast.success(t("assets.toast.deleted", { count: deleted.length }));
      if (gone.length) toast.info(t("assets.toast.alreadyDeleted", { count: gone.length }));
      return true;
    } catch (err) {
      toastError(t, err);
      return false;
    }
  }

  async function exportAs(format: ExportFormat, ids: string[]): Promise<void> {
    try {
      const r = await createExport(format, ids);
      downloadUrl(r.downloadUrl);
      toast.success(t("assets.toast.exported", { count: r.count, format: format.toUpperCase() }));
    } catch (err) {
      toastError(t, err);
    }
  }

  async function upload(projectId: string, files: File[]): Promise<void> {
    const wrong = files.filter((f) => !UPLOAD_TYPES.includes(f.type));
    const ok = files.filter((f) => UPLOAD_TYPES.includes(f.type));
    if (wrong.length) toast.error(t("upload.wrongType", { names: wrong.map((f) => f.name).join(", ") }));
    if (ok.length === 0) return;
    useAssets.getState().setUploading(ok.length);
    try {
      const assets = await uploadFiles(projectId, ok);
      useAssets.getState().add(assets);
      toast.success(t("upload.done", { count: assets.length }));
    } catch (err) {
      const rejected =
        err instanceof ApiError && (err.code === "unsupported_media_type" || err.code === "payload_too_large");
      toastError(t, err, rejected ? (title) => t("upload.rejected", { message: title }) : undefined);
    } finally {
      useAssets.getState().setUploading(0);
    }
  }

  return { remove, exportAs, upload };
}
