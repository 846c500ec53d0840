"use client";

import { useEffect } from "react";
import { toastError } from "@/components/errors/toast-error";
import { useI18n } from "@/components/i18n/locale-provider";
import type { Translate } from "@/lib/i18n";
import type { Generation } from "@/lib/contracts/generations";
import { getAsset, getGeneration, getGenerationStatus, listGenerations } from "@/lib/client/studio-api";
import { useAssets } from "@/lib/stores/assets";
import { isActive, newAssetIds, useJobs } from "@/lib/stores/jobs";
import { useLive } from "@/lib/stores/live";
import { toast } from "@/lib/stores/toasts";

/** Polling is the fallback while the event stream is down (components/studio/use-project-events.ts). */
const POLL_MS = 3000;

/** Fetch images saved since the last poll and drop them into the grid. */
async function pullAssets(ids: string[]): Promise<void> {
  const found = await Promise.all(ids.map((id) => getAsset(id).catch(() => null)));
  useAssets.getState().add(found.filter((a) => a !== null));
}

/** The toast of a job of this user's that just ended. */
export function announceJobEnd(t: Translate, g: Generation): void {
  // Jobs ending together are one toast: "3 images ready" then "2 images ready" reads "5 images ready".
  if (g.status === "succeeded")
    toast.success((count) => t("jobs.toast.done", { count }), { group: "images", count: g.assetIds.length });
  if (g.status === "failed" && g.assetIds.length > 0)
    toastError(t, g, (title) => t("jobs.toast.partial", { saved: g.assetIds.length, total: g.total, message: title }));
  else if (g.status === "failed") toastError(t, g, (title) => t("jobs.toast.failed", { message: title }));
}

async function pollOne(projectId: string, id: string, t: Translate): Promise<void> {
  const before = useJobs.getState().generations.find((g) => g.id === id);
  const view = await getGenerationStatus(projectId, id);
  const fresh = newAssetIds(before, view);
  useJobs.getState().applyStatus(view);
  if (fresh.length) await pullAssets(fresh);
  if (!isActive(view)) {
    // The full record carries what the status view does not: usage, finishedAt, the request id.
    const full = await getGeneration(projectId, id);
    useJobs.getState().upsert(full);
    if (before && isActive(before)) announceJobEnd(t, full);
  }
}

/** The project's jobs from the server again (first open; a `reset` from the event stream). */
export async function reloadJobs(projectId: string): Promise<void> {
  const s = useJobs.getState();
  if (s.projectId !== projectId) s.reset(projectId);
  if (s.status !== "ready") useJobs.getState().setStatus("loading");
  try {
    const list = await listGenerations(projectId);
    if (useJobs.getState().projectId === projectId) useJobs.getState().setAll(list);
  } catch {
    if (useJobs.getState().projectId === projectId && useJobs.getState().status !== "ready")
      useJobs.getState().setStatus("error");
  }
}

/**
 * Jobs come from the server, so they survive a reload: listed on open, then kept current by the project's
 * event stream. Only while that stream is down are active jobs polled (every POLL_MS); no timer runs while
 * nothing is active or the stream is live.
 */
export function useJobsSync(projectId: string): void {
  const { t } = useI18n();
  useEffect(() => {
    useJobs.getState().reset(projectId);
    void reloadJobs(projectId);
  }, [projectId]);

  const live = useLive((s) => s.state === "live");
  const activeKey = useJobs((s) =>
    s.generations
      .filter(isActive)
      .map((g) => g.id)
      .join(","),
  );
  useEffect(() => {
    if (!activeKey || live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let on = true;
    const tick = async () => {
      await Promise.all(activeKey.split(",").map((id) => pollOne(projectId, id, t).catch(() => undefined)));
      if (on) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS / 2);
    return () => {
      on = false;
      clearTimeout(timer);
    };
  }, [activeKey, live, projectId, t]);
}
