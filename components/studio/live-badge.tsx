"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { useLive } from "@/lib/stores/live";

const DOT = { connecting: "bg-zinc-300", live: "bg-emerald-500", offline: "bg-amber-500 animate-pulse" } as const;

/** Whether the page's live connection to the project is up (components/studio/use-project-events.ts). */
export function LiveBadge({ className = "" }: { className?: string }) {
  const { t } = useI18n();
  const state = useLive((s) => s.state);
  const title = state === "live" ? t("live.liveTitle") : state === "offline" ? t("live.offlineTitle") : undefined;
  return (
    <span
      role="status"
      data-testid="live-badge"
      data-state={state}
      title={title}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-[11px] font-medium ${
        state === "offline" ? "border-amber-200 bg-amber-50 text-amber-800" : "border-zinc-200 bg-white text-ink-soft"
      } ${className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${DOT[state]}`} />
      {t(`live.${state}`)}
    </span>
  );
}
