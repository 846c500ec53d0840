import type { Translate } from "@/lib/i18n";
import type { ModelRow } from "./settings-logic";

const TONE = {
  available: "bg-emerald-50 text-emerald-700",
  deprecated: "bg-amber-100 text-amber-900",
  unavailable: "bg-red-50 text-red-700",
  unknown: "bg-zinc-100 text-ink-soft",
  hidden: "bg-zinc-100 text-ink-soft",
  pending: "bg-brand-50 text-brand-700",
} as const;

/** What the gateway says of a model; a row the catalog does not show says why instead (hidden, not saved). */
export function AvailabilityBadge({ t, row }: { t: Translate; row: ModelRow }) {
  const state = row.pending ? "pending" : (row.availability ?? "hidden");
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-[11px] font-medium ${TONE[state]}`}
      data-testid="availability-badge"
      data-availability={state}
    >
      {t(`settings.badge.${state}`)}
    </span>
  );
}
