"use client";

import { useEffect } from "react";
import { listAssetPage } from "@/lib/client/studio-api";
import { kindQuery, useAssets } from "@/lib/stores/assets";

const PAGE = 120;
const BULK_PAGE = 500;

async function fetchPage(limit: number): Promise<boolean> {
  const s = useAssets.getState();
  if (!s.projectId) return false;
  const { epoch, filter, projectId, nextCursor } = s;
  const page = await listAssetPage(projectId, { kind: kindQuery(filter), cursor: nextCursor, limit });
  useAssets.getState().addPage(epoch, page.assets, page.nextCursor);
  return epoch === useAssets.getState().epoch;
}

/** The next keyset page, when there is one and no page is on its way. */
export async function loadMoreAssets(): Promise<void> {
  const s = useAssets.getState();
  if (!s.nextCursor || s.loadingMore || s.status !== "ready") return;
  s.setLoadingMore(true);
  try {
    await fetchPage(PAGE);
  } catch {
    useAssets.getState().setLoadingMore(false);
  }
}

/** Every remaining page (for "select all" and exports of the whole filter), in large pages. */
export async function loadAllAssets(): Promise<void> {
  while (useAssets.getState().nextCursor && useAssets.getState().status === "ready") {
    useAssets.getState().setLoadingMore(true);
    if (!(await fetchPage(BULK_PAGE))) return;
  }
}

/** First page whenever the project or the kind filter changes. */
export function useAssetFeed(projectId: string): void {
  useEffect(() => {
    if (useAssets.getState().projectId !== projectId) useAssets.getState().reset(projectId);
  }, [projectId]);
  const status = useAssets((s) => s.status);
  const epoch = useAssets((s) => s.epoch);
  useEffect(() => {
    const s = useAssets.getState();
    if (s.status !== "idle" || s.projectId !== projectId) return;
    s.setStatus("loading");
    listAssetPage(projectId, { kind: kindQuery(s.filter), cursor: null, limit: PAGE })
      .then((page) => useAssets.getState().addPage(s.epoch, page.assets, page.nextCursor))
      .catch(() => {
        if (useAssets.getState().epoch === s.epoch) useAssets.getState().setStatus("error");
      });
  }, [projectId, status, epoch]);
}
