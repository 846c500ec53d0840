"use client";

import { useEffect } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { announceJobEnd, reloadJobs } from "@/components/jobs/use-jobs-sync";
import { LIVE_EVENT_TYPES, type LiveEventMap } from "@/lib/contracts/events";
import { useAssets } from "@/lib/stores/assets";
import { applyLiveEvent, backoffMs, useLive, type LiveNotice } from "@/lib/stores/live";
import { toast } from "@/lib/stores/toasts";
import type { Translate } from "@/lib/i18n";

/** A stream with nothing (not even a keep-alive) for this long is treated as dropped and reopened. */
const SILENCE_MS = 45_000;

function tell(t: Translate, notice: LiveNotice | null, projectId: string): void {
  if (!notice) return;
  if (notice.kind === "job.ended") announceJobEnd(t, notice.generation);
  if (notice.kind === "assets.deletedBy")
    toast.info(t("assets.toast.deletedBy", { name: notice.by.name, count: notice.count }));
  if (notice.kind === "reload") {
    void reloadJobs(projectId);
    useAssets.getState().reset(projectId, useAssets.getState().filter);
  }
}

/**
 * Subscribe the page to its project's event stream (docs/api.md "Live events"): jobs, new images and deletes
 * from any tab, teammate or studio process show up as they happen. The browser's own EventSource retry is
 * replaced by a backoff (1 s … 30 s) that resumes from the last event id, and a stream that goes silent is
 * reopened. While it is down the page says so (useLive) and the jobs strip polls instead.
 */
export function useProjectEvents(projectId: string): void {
  const { t } = useI18n();
  const session = useSession();
  const me = session.user?.id ?? null;
  useEffect(() => {
    useLive.getState().reset();
    let source: EventSource | null = null;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const heard = () => {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => drop(), SILENCE_MS);
    };
    /** Close the stream and say the page is offline; `retry` schedules the next attempt at the backoff. */
    const drop = (retry = true) => {
      clearTimeout(retryTimer);
      source?.close();
      source = null;
      clearTimeout(silenceTimer);
      if (stopped) return;
      useLive.getState().setState("offline");
      if (retry) retryTimer = setTimeout(open, backoffMs(attempt++));
    };
    const open = () => {
      if (stopped) return;
      const last = useLive.getState().lastEventId;
      const url = `/api/projects/${projectId}/events${last ? `?lastEventId=${encodeURIComponent(last)}` : ""}`;
      const es = (source = new EventSource(url));
      heard();
      const onEvent = (type: keyof LiveEventMap) => (e: MessageEvent<string>) => {
        heard();
        if (e.lastEventId) useLive.getState().setLastEventId(e.lastEventId);
        let data: unknown;
        try {
          data = JSON.parse(e.data);
        } catch {
          return;
        }
        if (type === "ready") {
          // After a drop, the replay before `ready` (or a `reset`) has brought the page up to date.
          attempt = 0;
          useLive.getState().setState("live");
          return;
        }
        tell(t, applyLiveEvent(type, data as LiveEventMap[typeof type], me), projectId);
      };
      for (const type of [...LIVE_EVENT_TYPES, "ready", "reset"] as const) es.addEventListener(type, onEvent(type));
      // The server's keep-alive (every 15 s) is a `ping` event: the silence timer hears it.
      es.addEventListener("ping", heard);
      es.onerror = () => drop();
    };
    // The browser knows first when the network goes (a laptop leaving Wi-Fi): an open stream may take minutes
    // to notice. Drop it at once, and reconnect as soon as the network is back rather than at the backoff.
    const onOffline = () => drop(false);
    const onOnline = () => {
      clearTimeout(retryTimer);
      attempt = 0;
      if (!source) open();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    open();
    return () => {
      stopped = true;
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      clearTimeout(retryTimer);
      clearTimeout(silenceTimer);
      source?.close();
    };
  }, [projectId, me, t]);
}
