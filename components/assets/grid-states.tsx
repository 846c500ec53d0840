"use client";

import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { IconImage, IconUpload } from "@/components/ui/icons";
import type { KindFilter } from "@/lib/stores/assets";

export function GridSkeleton() {
  const { t } = useI18n();
  return (
    <div
      className="grid grid-cols-[repeat(auto-fill,minmax(164px,1fr))] gap-3"
      aria-busy="true"
      aria-label={t("assets.loading")}
    >
      {Array.from({ length: 12 }, (_, i) => (
        <div key={i} className="aspect-square animate-pulse rounded-xl bg-zinc-200/70" />
      ))}
    </div>
  );
}

export function GridError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      className="flex flex-col items-center gap-3 rounded-2xl border border-red-200 bg-red-50 px-6 py-12 text-center text-sm text-red-900"
    >
      <p>{t("assets.loadFailed")}</p>
      <Button onClick={onRetry}>{t("actions.retry")}</Button>
    </div>
  );
}

/** First-run and empty-filter states: say what to do next. */
export function GridEmpty({ filter, onUpload }: { filter: KindFilter; onUpload: () => void }) {
  const { t } = useI18n();
  const mayUpload = useSession().can("create");
  const all = filter === "all";
  return (
    <div
      data-testid="assets-empty"
      className="flex flex-1 flex-col items-center justify-center gap-4 rounded-2xl border-2 border-dashed border-zinc-200 bg-white/60 px-6 py-16 text-center"
    >
      <span className="grid size-14 place-items-center rounded-2xl bg-gradient-to-br from-brand-100 to-fuchsia-100 text-brand-600">
        <IconImage size={26} />
      </span>
      <div className="space-y-1">
        <p className="text-base font-semibold">
          {all ? t("assets.empty.title") : t("assets.emptyFilter.title", { kind: t(`assets.filter.${filter}`) })}
        </p>
        <p className="mx-auto max-w-sm text-sm text-ink-soft">
          {all ? t("assets.empty.body") : t("assets.emptyFilter.body")}
        </p>
      </div>
      {all && mayUpload && (
        <Button onClick={onUpload}>
          <IconUpload size={14} />
          {t("upload.button")}
        </Button>
      )}
    </div>
  );
}
