"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { AssetImage } from "@/components/ui/asset-image";
import { Button } from "@/components/ui/button";
import { useSession } from "@/components/auth/session-provider";
import { ErrorDetails } from "@/components/errors/error-details";
import { IconRetry, IconStop } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useNow } from "@/components/ui/use-now";
import type { Generation } from "@/lib/contracts/generations";
import { describeError } from "@/lib/errors-view";
import { etaMs, isActive } from "@/lib/stores/jobs";
import { elapsedMs, formatDuration, formatElapsed, phaseText, statusText } from "./job-text";

const DOT: Record<Generation["status"], string> = {
  queued: "bg-zinc-400",
  running: "bg-brand-500 animate-pulse",
  succeeded: "bg-emerald-500",
  failed: "bg-red-500",
  cancelled: "bg-zinc-400",
};

interface Props {
  job: Generation;
  modelLabel: string;
  onCancel: (g: Generation) => Promise<void>;
  onRetry: (g: Generation, model?: string, missing?: boolean) => Promise<void>;
  onOpenAsset: (id: string) => void;
  /** The job's model is gone: its retry runs on this one. */
  replacement?: { id: string; label: string };
  /** A queued job's place in the project's line (1 = next). */
  queuePosition?: number;
  /** The project's jobs, for a running job's ETA (finished runs of the same kind). */
  history?: readonly Generation[];
}

/** "about 40 s left" from the history of comparable runs; nothing without enough of them. */
function Eta({ job, history, now }: { job: Generation; history: readonly Generation[]; now: number }) {
  const { t } = useI18n();
  const left = etaMs(job, history, now);
  if (left === null) return null;
  return (
    <span className="shrink-0 tabular-nums text-ink-faint" title={t("jobs.etaTitle")} data-testid="job-eta">
      {left < 1000 ? t("jobs.etaSoon") : t("jobs.eta", { time: formatDuration(left) })}
    </span>
  );
}

function Failure({ job }: { job: Generation }) {
  const { t } = useI18n();
  return (
    <ErrorDetails
      error={describeError(t, job)}
      size="sm"
      testId="job-error"
      testIds={{ requestId: "job-request-id", vendorId: "job-vendor-id" }}
      requestIdLabel={t("jobs.requestId")}
      copyLabel={t("jobs.copyRequestId")}
    />
  );
}

/** Partial images streamed while the model draws; the final image replaces them. */
function Previews({ job }: { job: Generation }) {
  const { t } = useI18n();
  if (job.previews.length === 0) return null;
  return (
    <div className="flex items-center gap-1.5" data-testid="job-previews" aria-label={t("jobs.previews")}>
      {job.previews.map((src) => (
        // eslint-disable-next-line @next/next/no-img-element -- a short-lived preview, not an optimisable asset
        <img
          key={src}
          src={src}
          alt=""
          className="size-9 rounded-md border border-zinc-200 object-cover blur-[0.5px]"
        />
      ))}
    </div>
  );
}

function Results({ job, onOpenAsset }: { job: Generation; onOpenAsset: (id: string) => void }) {
  const { t } = useI18n();
  const [gone, setGone] = useState<string[]>([]);
  const shown = job.assetIds.filter((id) => !gone.includes(id)).slice(0, 5);
  return (
    <div className="flex items-center gap-1.5">
      {shown.map((id, i) => (
        <button
          key={id}
          type="button"
          onClick={() => onOpenAsset(id)}
          aria-label={t("jobs.openResult", { index: i + 1 })}
          className="size-9 overflow-hidden rounded-md border border-zinc-200 bg-checker hover:ring-2 hover:ring-brand-300"
        >
          <AssetImage
            src={`/api/assets/${id}/file?variant=thumb`}
            alt=""
            className="size-full object-cover"
            onError={() => setGone((g) => [...g, id])}
          />
        </button>
      ))}
      {job.assetIds.length > shown.length + gone.length && (
        <span className="text-[11px] text-ink-faint">+{job.assetIds.length - shown.length - gone.length}</span>
      )}
    </div>
  );
}

/** One generation: live progress while it runs, results or a readable failure after. */
export function JobCard({
  job,
  modelLabel,
  onCancel,
  onRetry,
  onOpenAsset,
  replacement,
  queuePosition,
  history = [],
}: Props) {
  const { t } = useI18n();
  const session = useSession();
  // Own jobs for a creator, anyone's for a manager; a viewer gets neither (the server refuses it too).
  const mayChange = session.canModify(job.createdBy);
  const author = job.createdBy ? session.names[job.createdBy] : undefined;
  const active = isActive(job);
  const queued = job.status === "queued";
  const now = useNow(job.status === "running");
  const [busy, setBusy] = useState(false);
  const act = (fn: (g: Generation) => Promise<void>) => async () => {
    setBusy(true);
    await fn(job);
    setBusy(false);
  };
  const failed = job.status === "failed";
  const tone = failed
    ? "danger"
    : job.status === "succeeded"
      ? "success"
      : job.status === "cancelled"
        ? "muted"
        : "brand";
  return (
    <article
      data-testid="job-card"
      data-status={job.status}
      aria-label={`${modelLabel} — ${statusText(t, job)}`}
      className={`flex w-72 shrink-0 flex-col gap-1.5 rounded-xl border px-3 py-2.5 shadow-card ${
        failed
          ? "border-red-200 bg-white"
          : queued
            ? "border-dashed border-zinc-300 bg-zinc-50"
            : "border-zinc-200 bg-white"
      }`}
    >
      <header className="flex items-center gap-2 text-xs">
        <span aria-hidden className={`size-2 shrink-0 rounded-full ${DOT[job.status]}`} />
        <span className="truncate font-semibold text-ink">{modelLabel}</span>
        {/* Generating is the usual case: only an edit says what it is. */}
        {job.operation === "edit" && (
          <span className="shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-[10px] font-medium text-ink-soft">
            {t("panel.op.edit")}
          </span>
        )}
        {queued && queuePosition !== undefined && (
          <span
            className="ml-auto shrink-0 rounded bg-zinc-200/70 px-1.5 py-0.5 text-[10px] font-medium text-ink-soft"
            data-testid="job-queue-position"
          >
            {t("jobs.queuePosition", { position: queuePosition })}
          </span>
        )}
        {!queued && (
          <span
            className="ml-auto shrink-0 font-mono tabular-nums text-ink-faint"
            data-testid="job-elapsed"
            title={t("jobs.elapsed")}
          >
            {formatElapsed(elapsedMs(job, now))}
          </span>
        )}
        {/* Cancel sits in the header of an active card: it stays as small as the work it shows. */}
        {active && mayChange && (
          <button
            type="button"
            onClick={act(onCancel)}
            disabled={busy}
            aria-label={t("jobs.cancel")}
            title={t("jobs.cancel")}
            className="-my-1 -mr-1 shrink-0 rounded-md p-1 text-ink-faint hover:bg-zinc-100 hover:text-red-700 disabled:opacity-50"
          >
            <IconStop size={12} />
          </button>
        )}
      </header>
      <p className="line-clamp-1 text-xs text-ink-soft" title={job.prompt}>
        {job.prompt}
      </p>
      {author && author !== session.user?.name && (
        <p className="-mt-1.5 truncate text-[11px] text-ink-faint" data-testid="job-author">
          {t("auth.madeBy", { name: author })}
        </p>
      )}
      {/* A queued job has no progress to show: its place in line instead of a bar. */}
      {!queued && (
        <ProgressBar
          value={job.current}
          max={job.total}
          label={t("jobs.progress")}
          tone={tone}
          indeterminate={active && job.current === 0}
        />
      )}
      <div className="flex items-center gap-2 text-[11px]">
        <span
          className={`min-w-0 truncate ${failed ? "font-medium text-red-700" : "text-ink-soft"}`}
          data-testid="job-phase"
        >
          {active ? phaseText(t, job) : statusText(t, job)}
        </span>
        {job.status === "running" && <Eta job={job} history={history} now={now} />}
        {!queued && (
          <span className="ml-auto shrink-0 tabular-nums text-ink-soft" data-testid="job-count">
            {t("jobs.count", { current: job.current, total: job.total })}
          </span>
        )}
      </div>
      {active && <Previews job={job} />}
      {failed && <Failure job={job} />}
      {/* A partial result keeps its images: shown on a failed or cancelled job as on a succeeded one. */}
      {!active && job.assetIds.length > 0 && <Results job={job} onOpenAsset={onOpenAsset} />}
      <div className="mt-auto flex justify-end gap-1.5 empty:hidden">
        {(failed || job.status === "cancelled") && mayChange && job.missing > 0 && job.assetIds.length > 0 && (
          <Button
            className="px-2.5 py-1 text-xs"
            onClick={act((g) => onRetry(g, replacement?.id, true))}
            disabled={busy}
            data-testid="job-retry-missing"
            title={t("jobs.retryMissingTitle", { count: job.missing })}
          >
            <IconRetry size={12} />
            {t("jobs.retryMissing", { count: job.missing })}
          </Button>
        )}
        {(failed || job.status === "cancelled") && mayChange && (
          <Button
            className="px-2.5 py-1 text-xs"
            onClick={act((g) => onRetry(g, replacement?.id))}
            disabled={busy}
            data-testid="job-retry"
          >
            <IconRetry size={12} />
            {replacement ? t("jobs.retryWith", { model: replacement.label }) : t("jobs.retry")}
          </Button>
        )}
      </div>
    </article>
  );
}
