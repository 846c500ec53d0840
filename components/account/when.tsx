"use client";

import { useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { useNow } from "@/components/ui/use-now";
import { formatDate, formatDateTime, relativeTime } from "./format";

const noSubscribe = () => () => {};

/** False on the server and while hydrating, true afterwards: for what only the browser knows (its time zone). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

/**
 * A moment in the reader's time zone and language. `relative`: "5 minutes ago" (kept fresh), the exact
 * time in the tooltip; `date`: the day only; otherwise date and time. The server cannot know the zone,
 * so the first paint holds a placeholder.
 */
export function When({
  iso,
  mode = "datetime",
  className = "",
}: {
  iso: string;
  mode?: "datetime" | "date" | "relative";
  className?: string;
}) {
  const { locale } = useI18n();
  const hydrated = useHydrated();
  const now = useNow(hydrated && mode === "relative", 30_000);
  const exact = hydrated ? formatDateTime(iso, locale) : undefined;
  let text = "…";
  if (hydrated) {
    text = mode === "relative" ? relativeTime(iso, now, locale) : mode === "date" ? formatDate(iso, locale) : exact!;
  }
  return (
    <time dateTime={iso} title={exact} className={`whitespace-nowrap ${className}`}>
      {text}
    </time>
  );
}
