"use client";

import { useState } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { IconRetry } from "@/components/ui/icons";
import { useDetail } from "@/lib/stores/detail";
import { isActive, lastRetryable, useJobs } from "@/lib/stores/jobs";
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

/** The jobs of this project, newest first, kept in sync with the server. */
export function JobsStrip({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  useJobsSync(projectId);
  const generations = useJobs((s) => s.generations);
  const catalog = useModels((s) => s.catalog);
  const openAsset = useDetail((s) => s.open);
  const { cancel, retry } = useJobActions(projectId);
  const [retrying, setRetrying] = useState(false);
  const session = useSession();
  if (generations.length === 0) return null;

  const active = generations.filter(isActive).length;
  // The newest failed job this user may retry: their own, or anyone's for a manager.
  const retryable = lastRetryable(generations.filter((g) => session.canModify(g.createdBy)));
  async function retryLast() {
    if (!retryable) return;
    setRetrying(true);
    await retry(retryable);
    setRetrying(false);
  }
  return (
    <section aria-label={t("jobs.title")} className="shrink-0 space-y-2" data-testid="jobs-strip">
      <div className="flex items-center gap-3">
        <h2 className="text-sm font-semibold">{t("jobs.title")}</h2>
        {active > 0 && (
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-[11px] font-medium text-brand-700">
            {t("jobs.activeCount", { count: active })}
          </span>
        )}
        {session.can("modifyOwn") && (
          <Button
            className="ml-auto px-2.5 py-1 text-xs"
            onClick={retryLast}
            disabled={!retryable || retrying}
            title={retryable ? retryable.prompt : t("jobs.nothingToRetry")}
          >
            <IconRetry size={13} />
            {t("jobs.retryLast")}
          </Button>
        )}
      </div>
      <div className="-mx-1 flex items-stretch gap-3 overflow-x-auto px-1 pb-2" role="list">
        {generations.map((g) => (
          <div role="listitem" key={g.id} className="flex">
            <JobCard
              job={g}
              modelLabel={modelLabel(catalog, g.model)}
              onCancel={cancel}
              onRetry={retry}
              replacement={catalog ? retiredReplacement(catalog, g.model) : undefined}
              onOpenAsset={openAsset}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
