"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { toastError } from "@/components/errors/toast-error";
import { ApiError } from "@/lib/client/api";
import {
  cancelGeneration,
  cancelQueuedGenerations,
  getGeneration,
  listGenerations,
  retryGeneration,
} from "@/lib/client/studio-api";
import type { Generation } from "@/lib/contracts/generations";
import { useJobs } from "@/lib/stores/jobs";
import { toast } from "@/lib/stores/toasts";

/** Cancel and retry, with the server's answer written straight into the jobs store. */
export function useJobActions(projectId: string) {
  const { t } = useI18n();
  const upsert = (g: Generation) => useJobs.getState().upsert(g);

  async function cancel(g: Generation) {
    try {
      upsert(await cancelGeneration(projectId, g.id));
      toast.info(t("jobs.toast.cancelled"));
    } catch (err) {
      if (err instanceof ApiError && err.code === "conflict") {
        upsert(await getGeneration(projectId, g.id).catch(() => g));
        toast.info(t("jobs.toast.alreadyFinished"));
      } else toastError(t, err);
    }
  }

  async function retry(g: Generation, model?: string, missing = false) {
    try {
      upsert(await retryGeneration(projectId, g.id, { model, missing }));
      toast.info(missing ? t("jobs.toast.retryingMissing", { count: g.missing }) : t("jobs.toast.retrying"));
    } catch (err) {
      toastError(t, err);
    }
  }

  /** Every queued job the user may cancel; the cards follow from the events (and a reload of the list). */
  async function cancelQueued() {
    try {
      const r = await cancelQueuedGenerations(projectId);
      useJobs.getState().setAll(await listGenerations(projectId));
      toast.info(t("jobs.toast.cancelledQueued", { count: r.cancelled.length }));
      if (r.skipped) toast.info(t("jobs.toast.skippedQueued", { count: r.skipped }));
    } catch (err) {
      toastError(t, err);
    }
  }

  return { cancel, retry, cancelQueued };
}
