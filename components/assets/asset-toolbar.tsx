"use client";

import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { IconUpload } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { KIND_FILTERS, type KindFilter } from "@/lib/stores/assets";

interface Props {
  filter: KindFilter;
  loaded: number;
  more: boolean;
  uploading: number;
  selectingAll: boolean;
  onFilter: (f: KindFilter) => void;
  onSelectAll: () => void;
  onPick: () => void;
}

/** Kind filter chips, the count, select all and the file picker. */
export function AssetToolbar({ filter, loaded, more, uploading, selectingAll, onFilter, onSelectAll, onPick }: Props) {
  const { t } = useI18n();
  const mayUpload = useSession().can("create");
  return (
    <div className="flex min-h-10 shrink-0 flex-wrap items-center gap-3">
      <div role="group" aria-label={t("assets.filter")} className="flex flex-wrap gap-1.5">
        {KIND_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => onFilter(f)}
            className={`rounded-full px-3 py-1 text-xs font-medium transition ${filter === f ? "bg-zinc-900 text-white shadow-card" : "bg-white text-ink-soft ring-1 ring-zinc-200 hover:text-ink hover:ring-zinc-300"}`}
          >
            {t(`assets.filter.${f}`)}
          </button>
        ))}
      </div>
      <span className="text-xs tabular-nums text-ink-faint" data-testid="asset-count">
        {more ? t("assets.countMore", { count: loaded }) : t("assets.count", { count: loaded })}
      </span>
      <div className="ml-auto flex items-center gap-2">
        <Button
          variant="ghost"
          className="px-2.5 py-1.5 text-xs"
          onClick={onSelectAll}
          disabled={loaded === 0 || selectingAll}
        >
          {selectingAll && <Spinner className="size-3" />}
          {t("assets.selectAll")}
        </Button>
        {mayUpload && (
          <Button className="px-3 py-1.5 text-xs" onClick={onPick} disabled={uploading > 0}>
            {uploading > 0 ? <Spinner className="size-3.5" /> : <IconUpload size={14} />}
            {uploading > 0 ? t("upload.busy", { count: uploading }) : t("upload.button")}
          </Button>
        )}
      </div>
    </div>
  );
}
