"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import type { Asset } from "@/lib/contracts/assets";
import { listAssetPage } from "@/lib/client/studio-api";

/** Optional extra reference images for the edit: recent assets of the project, up to the model's limit. */
export function ReferencePicker({
  asset,
  max,
  selected,
  onChange,
}: {
  asset: Asset;
  max: number;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [assets, setAssets] = useState<Asset[] | null>(null);
  useEffect(() => {
    if (!open || assets) return;
    listAssetPage(asset.projectId, { kind: null, cursor: null, limit: 60 })
      .then((page) => setAssets(page.assets.filter((a) => a.kind !== "mask" && a.id !== asset.id)))
      .catch(() => setAssets([]));
  }, [open, assets, asset.projectId, asset.id]);

  const toggle = (id: string) =>
    onChange(
      selected.includes(id) ? selected.filter((x) => x !== id) : selected.length < max ? [...selected, id] : selected,
    );

  return (
    <details
      className="rounded-lg border border-zinc-200 bg-white"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-ink-soft">
        {t("editor.references", { count: selected.length, max })}
      </summary>
      <div className="grid grid-cols-4 gap-1.5 p-2">
        {assets === null && <p className="col-span-4 text-xs text-ink-faint">…</p>}
        {assets?.length === 0 && <p className="col-span-4 text-xs text-ink-faint">{t("editor.noReferences")}</p>}
        {assets?.map((a) => (
          <button
            key={a.id}
            type="button"
            aria-pressed={selected.includes(a.id)}
            onClick={() => toggle(a.id)}
            className={`aspect-square overflow-hidden rounded-md border-2 ${selected.includes(a.id) ? "border-brand-500" : "border-transparent"}`}
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={a.thumbUrl} alt="" className="size-full object-cover" loading="lazy" />
          </button>
        ))}
      </div>
    </details>
  );
}
