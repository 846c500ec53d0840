"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import type { CutoutSnapshot } from "@/lib/canvas";
import { describeError } from "@/lib/errors-view";
import type { Translate } from "@/lib/i18n";

function summary(r: CutoutSnapshot, t: Translate): string {
  const p = r.params;
  if (r.mode === "ai") return p.model ? `${t("cutout.mode.ai")} · ${p.model}` : t("cutout.mode.ai");
  const parts = [`${t("cutout.tolerance")} ${p.tolerance}`, `${t("cutout.feather")} ${p.feather}`];
  if (Number(p.grow)) parts.push(`${t("cutout.grow")} ${p.grow}`);
  if (p.background === "white") parts.push(t("cutout.bg.white"));
  if (Number(p.canvas)) parts.push(`${p.canvas}²`);
  return parts.join(" · ");
}

/**
 * A failed run's reason in words. The history keeps a code (older entries "code: upstream text"); two reasons
 * are the history's own: a deleted result, and a run the page was left during.
 */
function runError(error: string, t: Translate): { title: string; hint: string } {
  if (error === "result deleted") return { title: t("cutout.error.resultDeleted"), hint: "" };
  if (error === "interrupted") return { title: t("cutout.error.interrupted"), hint: "" };
  const code = /^[a-z_]+/.exec(error)?.[0] ?? "unknown";
  return describeError(t, { code, message: "" });
}

const BADGE = {
  running: "bg-amber-100 text-amber-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-800",
} as const;

/** Every run, newest first: params, outcome, result. Failed runs stay listed; clicking a good one shows it. */
export function CutoutHistoryList({
  runs,
  shownId,
  onShow,
  onDelete,
}: {
  runs: readonly CutoutSnapshot[];
  shownId: number | null;
  onShow: (id: number) => void;
  onDelete: (r: CutoutSnapshot) => void;
}) {
  const { t } = useI18n();
  if (runs.length === 0) return <p className="text-xs text-ink-faint">{t("cutout.history.empty")}</p>;
  return (
    <ol className="space-y-1.5" aria-label={t("cutout.history")} data-testid="cutout-history">
      {[...runs].reverse().map((r) => (
        <li
          key={r.id}
          data-testid="cutout-run"
          data-status={r.status}
          className={`flex items-center gap-2 rounded-lg border p-1.5 ${r.id === shownId ? "border-brand-400 bg-brand-50" : "border-zinc-200 bg-white"}`}
        >
          <button
            type="button"
            disabled={r.status !== "succeeded"}
            onClick={() => onShow(r.id)}
            className="flex min-w-0 flex-1 items-center gap-2 text-left disabled:cursor-default"
          >
            <span className="bg-checker size-9 shrink-0 overflow-hidden rounded">
              {r.resultAssetId && (
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  src={`/api/assets/${r.resultAssetId}/file?variant=thumb`}
                  alt=""
                  className="size-full object-contain"
                />
              )}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-xs text-ink">
                #{r.id} · {summary(r, t)}
              </span>
              <span className={`mt-0.5 inline-block rounded px-1.5 text-[10px] font-medium ${BADGE[r.status]}`}>
                {t(`cutout.status.${r.status}`)}
              </span>
              {r.error && (
                <span
                  className="mt-0.5 block truncate text-[10px] text-red-700"
                  title={runError(r.error, t).hint || undefined}
                  data-testid="cutout-run-error"
                >
                  {runError(r.error, t).title}
                </span>
              )}
            </span>
          </button>
          {r.resultAssetId && (
            <button
              type="button"
              onClick={() => onDelete(r)}
              aria-label={`${t("cutout.deleteResult")} #${r.id}`}
              className="rounded px-1.5 text-xs text-ink-faint hover:bg-red-50 hover:text-red-700"
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
