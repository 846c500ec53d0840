"use client";

import { memo, useState, type MouseEvent } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { AssetImage } from "@/components/ui/asset-image";
import { IconCheck, IconExpand, IconTrash } from "@/components/ui/icons";
import type { Asset } from "@/lib/contracts/assets";

interface Props {
  asset: Asset;
  selected: boolean;
  onClick: (id: string, e: MouseEvent) => void;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
}

const overlayButton =
  "grid size-7 place-items-center rounded-lg bg-white/90 text-ink shadow-card backdrop-blur hover:bg-white";

/** A thumbnail: click selects (Shift range, Ctrl/Cmd toggle), double-click or the expand button opens it. */
export const AssetTile = memo(function AssetTile({ asset, selected, onClick, onOpen, onDelete }: Props) {
  const { t } = useI18n();
  const kind = t(`assets.kind.${asset.kind}`);
  const size = `${asset.width} × ${asset.height}`;
  const [loaded, setLoaded] = useState(false);
  const mayDelete = useSession().canModify(asset.createdBy);
  return (
    <div
      data-testid="asset-tile"
      data-asset-id={asset.id}
      data-selected={selected ? "true" : "false"}
      className={`group relative overflow-hidden rounded-xl border border-zinc-200 shadow-card transition-shadow hover:shadow-lift ${loaded ? "bg-checker" : "animate-pulse bg-zinc-100"}`}
    >
      <AssetImage
        src={asset.thumbUrl}
        alt={asset.originalName ?? asset.prompt ?? kind}
        loading="lazy"
        onLoad={() => setLoaded(true)}
        className={`size-full object-cover transition duration-300 group-hover:scale-[1.03] ${loaded ? "opacity-100" : "opacity-0"}`}
      />
      <button
        type="button"
        aria-pressed={selected}
        aria-label={t("assets.tileLabel", { kind, size })}
        title={asset.originalName ?? undefined}
        onClick={(e) => onClick(asset.id, e)}
        onDoubleClick={() => onOpen(asset.id)}
        className="absolute inset-0 cursor-default focus-visible:outline-offset-[-3px]"
      />
      {selected && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 rounded-xl bg-brand-500/10 ring-[3px] ring-inset ring-brand-500"
        />
      )}
      <span
        aria-hidden
        className={`pointer-events-none absolute left-2 top-2 grid size-5 place-items-center rounded-full border-2 transition ${
          selected
            ? "border-brand-500 bg-brand-500 text-white"
            : "border-white/90 bg-black/10 text-transparent opacity-0 group-hover:opacity-100"
        }`}
      >
        <IconCheck size={12} strokeWidth={3} />
      </span>
      <div className="absolute right-2 top-2 flex gap-1 opacity-0 transition group-focus-within:opacity-100 group-hover:opacity-100">
        <button
          type="button"
          className={overlayButton}
          aria-label={t("assets.open")}
          title={t("assets.open")}
          onClick={() => onOpen(asset.id)}
        >
          <IconExpand size={14} />
        </button>
        {mayDelete && (
          <button
            type="button"
            className={`${overlayButton} hover:text-red-600`}
            aria-label={t("assets.delete")}
            title={t("assets.delete")}
            onClick={() => onDelete(asset.id)}
          >
            <IconTrash size={14} />
          </button>
        )}
      </div>
      <div className="pointer-events-none absolute inset-x-0 bottom-0 flex items-end justify-between gap-1 bg-gradient-to-t from-black/55 to-transparent px-2 pb-1.5 pt-6 text-[10px] font-medium text-white opacity-0 transition group-hover:opacity-100">
        <span className="truncate" data-testid="tile-name">
          {asset.originalName ?? kind}
        </span>
        <span className="shrink-0 tabular-nums">{size}</span>
      </div>
      {asset.kind !== "generated" && (
        <span className="pointer-events-none absolute bottom-1.5 left-1.5 rounded-md bg-white/90 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-ink-soft shadow-card group-hover:opacity-0">
          {kind}
        </span>
      )}
    </div>
  );
});
