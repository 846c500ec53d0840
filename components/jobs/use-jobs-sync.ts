"use client";

import { useEffect } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import type { Translate } from "@/lib/i18n";
import type { Generation } from "@/lib/contracts/generations";
import { getAsset, getGeneration, getGenerationStatus, listGenerations } from "@/lib/client/studio-api";
import { useAssets } from "@/lib/stores/assets";
import { isActive, newAssetIds, useJobs } from "@/lib/stores/jobs";
import { toast } from "@/lib/stores/toasts";
import { errorMessage } from "./job-text";

const POLL_MS = 1000;

/** Fetch images saved since the last poll and drop them into the grid. */
async function pullAssets(ids: string[]): Promise<void> {
  const found = await Promise.all(ids.map((id) => getAsset(id).catch(() => null)));
  useAssets.getState().add(found.filter((a) => a !== null));
}

function announce(t: Translate, g: Generation): void {
  if (g.status === "succeeded") toast.success(t("jobs.toast.done", { count: g.assetIds.length }));
  if (g.status === "failed") toast.error(t("jobs.toast.failed", { message: errorMessage(t, g) }));
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
    if (before && isActive(before)) announce(t, full);
  }
}

/**
 * Jobs come from the server, so they survive a reload: list on open, then poll the status of
 * each active job about once a second; no timer runs while nothing is active.
 */
export function useJobsSync(projectId: string): void {
  const { t } = useI18n();
  useEffect(() => {
    let live = true;
    useJobs.getState().reset(projectId);
    useJobs.getState().setStatus("loading");
    listGenerations(projectId)
      .then((list) => live && useJobs.getState().setAll(list))
      .catch(() => live && useJobs.getState().setStatus("error"));
    return () => {
      live = false;
    };
  }, [projectId]);

  const activeKey = useJobs((s) =>
    s.generations
      .filter(isActive)
      .map((g) => g.id)
      .join(","),
  );
  useEffect(() => {
    if (!activeKey) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = async () => {
      await Promise.all(activeKey.split(",").map((id) => pollOne(projectId, id, t).catch(() => undefined)));
      if (live) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS / 2);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [activeKey, projectId, t]);
}
