"use client";

import { useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { IconDownload, IconEdit, IconFile, IconTrash, IconX } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/contracts/export-formats";

interface Props {
  count: number;
  onExport: (format: ExportFormat) => Promise<void>;
  onDelete: () => void;
  onUseAsInput: () => void;
  /** False when the selection holds something this user may not delete (someone else's, for a creator). */
  canDelete: boolean;
  onClear: () => void;
  /** Absent once everything is selected. */
  onSelectAll?: () => void;
}

const action =
  "inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1 text-[13px] font-medium text-zinc-100 transition hover:bg-white/10 disabled:opacity-50";

/**
 * Takes the toolbar's place while something is selected (so it never hides tiles or toasts).
 * Exports download by URL, never by buffering the archive in the page.
 */
export function BulkBar({ count, onExport, onDelete, onUseAsInput, onClear, onSelectAll, canDelete }: Props) {
  const { t } = useI18n();
  const mayCreate = useSession().can("create");
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = (format: ExportFormat) => async () => {
    setBusy(format);
    await onExport(format);
    setBusy(null);
  };
  const icon = (format: ExportFormat, el: ReactNode) => (busy === format ? <Spinner className="size-3.5" /> : el);
  return (
    <div
      role="toolbar"
      aria-label={t("bulk.label")}
      data-testid="bulk-bar"
      className="flex min-h-10 shrink-0 flex-wrap items-center gap-1 rounded-xl bg-zinc-900 py-1 pl-4 pr-1 text-white shadow-lift"
    >
      <span className="mr-2 text-sm font-semibold tabular-nums" data-testid="bulk-count">
        {t("bulk.selected", { count })}
      </span>
      {onSelectAll && (
        <button type="button" className={`${action} text-zinc-300`} onClick={onSelectAll}>
          {t("assets.selectAll")}
        </button>
      )}
      <span aria-hidden className="mx-1 h-5 w-px bg-white/15" />
      {mayCreate && (
        <button type="button" className={action} onClick={onUseAsInput}>
          <IconEdit size={15} />
          {t("bulk.useAsInput")}
        </button>
      )}
      {mayCreate &&
        EXPORT_FORMATS.map((f) => (
          <button key={f.id} type="button" className={action} onClick={run(f.id)} disabled={busy !== null}>
            {icon(f.id, f.id === "zip" ? <IconDownload size={15} /> : <IconFile size={15} />)}
            {t(f.labelKey)}
          </button>
        ))}
      {canDelete && (
        <button
          type="button"
          className={`${action} text-red-300 hover:bg-red-500/20 hover:text-red-200`}
          onClick={onDelete}
          data-testid="bulk-delete"
        >
          <IconTrash size={15} />
          {t("bulk.delete")}
        </button>
      )}
      <span aria-hidden className="mx-1 ml-auto h-5 w-px bg-white/15" />
      <button
        type="button"
        className="grid size-8 place-items-center rounded-lg text-zinc-300 hover:bg-white/10 hover:text-white"
        onClick={onClear}
        aria-label={t("bulk.clear")}
        title={t("bulk.clear")}
      >
        <IconX size={16} />
      </button>
    </div>
  );
}
