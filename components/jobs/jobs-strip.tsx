"use client";

import { useMemo, useState } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { IconChevronDown, IconRetry, IconStop } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/segmented";
import { useDetail } from "@/lib/stores/detail";
import {
  countJobs,
  JOB_FILTERS,
  lastRetryable,
  matchesJobFilter,
  queuePositions,
  useJobs,
  type JobFilter,
} from "@/lib/stores/jobs";
import { modelLabel, useModels } from "@/lib/stores/models";
import { replacementFor, type ModelsCatalog } from "@/lib/stores/panel-logic";
import { JobCard } from "./job-card";
import { useJobActions } from "./use-job-actions";
import { useJobsSync } from "./use-jobs-sync";

/** For a job whose model the gateway retired: the model its retry goes to instead. */
function retiredReplacement(catalog: ModelsCatalog, modelId: string): { id: string; label: string } | undefined {
  const model = catalog.models.find((m) => m.id === modelId);
  if (model?.availability !== "unavailable") return undefined;
  const next = replacementFor(catalog, modelId);
  return next ? { id: next.id, label: next.label } : undefined;
}

const OPEN_KEY = "atelier.jobs.open";

/**
 * Whether the list is shown, remembered per browser; collapsed by default on short screens. Read on first
 * render: the strip renders nothing until the jobs have loaded in the browser, so no server markup differs.
 */
function useOpenState(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    if (typeof window === "undefined") return true;
    const saved = window.localStorage.getItem(OPEN_KEY);
    return saved === null ? window.innerHeight >= 800 : saved === "1";
  });
  return [
    open,
    (next) => {
      setOpen(next);
      window.localStorage.setItem(OPEN_KEY, next ? "1" : "0");
    },
  ];
}

/**
 * The jobs of this project, newest first, kept in sync with the server: a one-line summary ("4 running ·
 * 12 queued · 2 failed") that expands to the cards, filtered by state. Cards keep their own height (no
 * stretching to the tallest), so the grid below keeps its room.
 */
export function JobsStrip({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  useJobsSync(projectId);
  const generations = useJobs((s) => s.generations);
  const catalog = useModels((s) => s.catalog);
  const openAsset = useDetail((s) => s.open);
  const { cancel, retry, cancelQueued } = useJobActions(projectId);
  const [busy, setBusy] = useState<"retry" | "cancel" | null>(null);
  const [open, setOpen] = useOpenState();
  const [filter, setFilter] = useState<JobFilter>("all");
  const session = useSession();
  const counts = useMemo(() => countJobs(generations), [generations]);
  const positions = useMemo(() => queuePositions(generations), [generations]);
  if (generations.length === 0) return null;

  // The newest failed job this user may retry: their own, or anyone's for a manager.
  const retryable = lastRetryable(generations.filter((g) => session.canModify(g.createdBy)));
  const mayCancelQueued = session.can("modifyOwn") && counts.queued > 0;
  const shown = generations.filter((g) => matchesJobFilter(g, filter));
  const run = (what: "retry" | "cancel", fn: () => Promise<void>) => async () => {
    setBusy(what);
    await fn();
    setBusy(null);
  };
  const parts = [
    counts.running && t("jobs.summary.running", { count: counts.running }),
    counts.queued && t("jobs.summary.queued", { count: counts.queued }),
    counts.failed && t("jobs.summary.failed", { count: counts.failed }),
    counts.done && t("jobs.summary.done", { count: counts.done }),
  ].filter(Boolean);
  const filterCount: Record<JobFilter, number> = {
    all: generations.length,
    active: counts.running + counts.queued,
    failed: counts.failed + counts.cancelled,
    done: counts.done,
  };
  return (
    <section aria-label={t("jobs.title")} className="shrink-0 space-y-2" data-testid="jobs-strip" data-open={open}>
      <div className="flex min-w-0 items-center gap-2">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-controls="jobs-list"
          className="flex min-w-0 items-center gap-2 rounded-md py-0.5 pr-1 text-left hover:text-brand-700"
          data-testid="jobs-toggle"
        >
          <IconChevronDown size={14} className={`shrink-0 transition-transform ${open ? "" : "-rotate-90"}`} />
          <h2 className="shrink-0 text-sm font-semibold">{t("jobs.title")}</h2>
          <span className="truncate text-xs text-ink-soft" data-testid="jobs-summary">
            {parts.join(" · ")}
          </span>
        </button>
        <div className="ml-auto flex shrink-0 items-center gap-1.5">
          {open && generations.length > 1 && (
            <Segmented
              label={t("jobs.filter")}
              testId="jobs-filter"
              value={filter}
              onChange={(v) => setFilter(v as JobFilter)}
              options={JOB_FILTERS.map((f) => ({
                value: f,
                label: `${t(`jobs.filter.${f}`)} ${filterCount[f]}`,
                disabled: f !== "all" && filterCount[f] === 0,
              }))}
            />
          )}
          {mayCancelQueued && (
            <Button
              className="px-2.5 py-1 text-xs"
              onClick={run("cancel", cancelQueued)}
              disabled={busy !== null}
              data-testid="jobs-cancel-queued"
            >
              <IconStop size={12} />
              {t("jobs.cancelQueued", { count: counts.queued })}
            </Button>
          )}
          {session.can("modifyOwn") && (
            <Button
              className="px-2.5 py-1 text-xs"
              onClick={run("retry", async () => {
                if (retryable) await retry(retryable);
              })}
              disabled={!retryable || busy !== null}
              title={retryable ? retryable.prompt : t("jobs.nothingToRetry")}
            >
              <IconRetry size={13} />
              {t("jobs.retryLast")}
            </Button>
          )}
        </div>
      </div>
      {open && (
        <div id="jobs-list">
          <div className="-mx-1 flex items-start gap-3 overflow-x-auto px-1 pb-2" role="list">
            {shown.map((g) => (
              <div role="listitem" key={g.id} className="flex">
                <JobCard
                  job={g}
                  modelLabel={modelLabel(catalog, g.model)}
                  onCancel={cancel}
                  onRetry={retry}
                  replacement={catalog ? retiredReplacement(catalog, g.model) : undefined}
                  onOpenAsset={openAsset}
                  queuePosition={positions.get(g.id)}
                  history={generations}
                />
              </div>
            ))}
            {shown.length === 0 && <p className="py-2 text-xs text-ink-faint">{t("jobs.filter.none")}</p>}
          </div>
        </div>
      )}
    </section>
  );
}
