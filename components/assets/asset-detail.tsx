"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { AssetImage } from "@/components/ui/asset-image";
import { IconChevronLeft, IconChevronRight, IconX } from "@/components/ui/icons";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";
import { AssetMeta } from "./asset-meta";
import type { DetailAction } from "./detail-actions";

interface Props {
  asset: Asset;
  generation: Generation | null;
  actions: DetailAction[];
  onClose: () => void;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
  onOpenParent: (id: string) => void;
}

const TONE: Record<DetailAction["tone"], string> = {
  primary: "col-span-2 bg-brand-600 text-white shadow-card hover:bg-brand-700",
  secondary: "border border-zinc-200 bg-white text-ink shadow-card hover:bg-zinc-50",
  danger: "border border-red-200 bg-white text-red-600 hover:bg-red-50",
};

function ActionButton({ a }: { a: DetailAction }) {
  const cls = `inline-flex items-center justify-center gap-1.5 rounded-lg px-3 py-2 text-sm font-medium transition ${TONE[a.tone]}`;
  if (a.link) {
    return (
      <Link href={a.link} className={cls}>
        {a.icon}
        {a.label}
      </Link>
    );
  }
  if (a.href) {
    return (
      <a href={a.href.url} download={a.href.download} className={cls}>
        {a.icon}
        {a.label}
      </a>
    );
  }
  return (
    <button type="button" onClick={a.run} className={cls}>
      {a.icon}
      {a.label}
    </button>
  );
}

const navButton =
  "absolute top-1/2 grid size-10 -translate-y-1/2 place-items-center rounded-full bg-white/10 text-white backdrop-blur transition hover:bg-white/20";

/** The lightbox: the full image on the left, what we know and what can be done on the right. */
export function AssetDetail({ asset, generation, actions, onClose, onPrev, onNext, onOpenParent }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={t("detail.title")}
      data-testid="asset-detail"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        const editing = e.target instanceof HTMLElement && e.target.closest("input, textarea");
        if (editing) return;
        if (e.key === "ArrowLeft" && onPrev) onPrev();
        if (e.key === "ArrowRight" && onNext) onNext();
      }}
      className="m-auto h-[min(90vh,920px)] w-[min(1320px,95vw)] max-w-none overflow-hidden rounded-2xl border-0 bg-white p-0 text-ink shadow-lift"
    >
      <div className="grid h-full grid-cols-[minmax(0,1fr)_360px]">
        <div className="relative flex min-h-0 items-center justify-center bg-zinc-950 p-8">
          <AssetImage
            key={asset.id}
            src={asset.fileUrl}
            alt={asset.originalName ?? asset.prompt ?? t(`assets.kind.${asset.kind}`)}
            className="bg-checker max-h-full max-w-full rounded-md object-contain shadow-2xl"
            data-testid="detail-image"
          />
          {onPrev && (
            <button type="button" className={`${navButton} left-4`} onClick={onPrev} aria-label={t("detail.prev")}>
              <IconChevronLeft size={20} />
            </button>
          )}
          {onNext && (
            <button type="button" className={`${navButton} right-4`} onClick={onNext} aria-label={t("detail.next")}>
              <IconChevronRight size={20} />
            </button>
          )}
        </div>
        <aside className="flex min-h-0 flex-col border-l border-zinc-200">
          <header className="flex items-center gap-2 border-b border-zinc-100 px-5 py-3">
            <h2 className="text-sm font-semibold">{t("detail.title")}</h2>
            <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-ink-soft">
              {t(`assets.kind.${asset.kind}`)}
            </span>
            <button
              type="button"
              onClick={onClose}
              aria-label={t("actions.close")}
              className="ml-auto grid size-8 place-items-center rounded-lg text-ink-soft hover:bg-zinc-100 hover:text-ink"
            >
              <IconX size={16} />
            </button>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
            <AssetMeta asset={asset} generation={generation} onOpenParent={onOpenParent} />
          </div>
          <footer className="grid grid-cols-2 gap-2 border-t border-zinc-100 p-4" data-testid="detail-actions">
            {actions.map((a) => (
              <ActionButton key={a.id} a={a} />
            ))}
          </footer>
        </aside>
      </div>
    </dialog>
  );
}
