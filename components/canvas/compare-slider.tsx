"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";

/** Before/after: the result over the original, revealed up to a draggable divider. */
export function CompareSlider({
  before,
  after,
  width,
  height,
}: {
  before: string;
  after: string;
  width: number;
  height: number;
}) {
  const { t } = useI18n();
  const [pos, setPos] = useState(50);
  return (
    <figure className="space-y-2" data-testid="compare">
      <div
        className="bg-checker relative w-full overflow-hidden rounded-lg border border-zinc-200"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={before} alt={t("editor.before")} className="absolute inset-0 size-full object-contain" />
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={after}
          alt={t("editor.after")}
          className="absolute inset-0 size-full object-contain"
          style={{ clipPath: `inset(0 0 0 ${pos}%)` }}
        />
        <div className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow" style={{ left: `${pos}%` }} />
        <span className="absolute left-2 top-2 rounded bg-black/60 px-1.5 py-0.5 text-[10px] font-medium text-white">
          {t("editor.before")}
        </span>
        <span className="absolute right-2 top-2 rounded bg-brand-600 px-1.5 py-0.5 text-[10px] font-medium text-white">
          {t("editor.after")}
        </span>
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={pos}
        onChange={(e) => setPos(Number(e.target.value))}
        aria-label={t("editor.compare")}
        className="w-full accent-brand-600"
      />
    </figure>
  );
}
