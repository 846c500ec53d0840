"use client";

import { useEffect } from "react";
import { KIND_FILTERS, useAssets, type KindFilter } from "@/lib/stores/assets";
import { useDetail } from "@/lib/stores/detail";

/** What the studio keeps in its address: the open image (`?asset=`) and the grid's kind filter (`?kind=`). */
export function readUrlState(search: string): { asset: string | null; kind: KindFilter } {
  const q = new URLSearchParams(search);
  const asset = q.get("asset");
  const kind = q.get("kind") as KindFilter | null;
  return {
    asset: asset && /^ast_[0-9a-z]{20}$/.test(asset) ? asset : null,
    kind: kind && (KIND_FILTERS as readonly string[]).includes(kind) ? kind : "all",
  };
}

/** The address for `state`, other query parameters kept. */
export function urlFor(href: string, state: { asset: string | null; kind: KindFilter }): string {
  const url = new URL(href);
  if (state.asset) url.searchParams.set("asset", state.asset);
  else url.searchParams.delete("asset");
  if (state.kind !== "all") url.searchParams.set("kind", state.kind);
  else url.searchParams.delete("kind");
  return url.pathname + url.search + url.hash;
}

const OURS = "atelierDetail";

/**
 * Keep the open image and the filter in the address bar, so a link or a reload shows the same, and Back
 * closes the image before it leaves the page. Opening an image pushes a history entry; moving to the next
 * one replaces it; closing goes back over the entry it pushed (or replaces, after a reload opened it).
 */
export function useUrlState(projectId: string): void {
  useEffect(() => {
    const initial = readUrlState(window.location.search);
    if (initial.kind !== useAssets.getState().filter || useAssets.getState().projectId !== projectId)
      useAssets.getState().reset(projectId, initial.kind);
    if (initial.asset) useDetail.getState().open(initial.asset);
    else useDetail.getState().close();

    let applying = false; // while the address drives the stores, their changes are not written back
    const write = (mode: "push" | "replace", state: Record<string, unknown> | null) => {
      const next = urlFor(window.location.href, {
        asset: useDetail.getState().assetId,
        kind: useAssets.getState().filter,
      });
      if (next === window.location.pathname + window.location.search + window.location.hash) return;
      const merged = { ...(window.history.state as object | null), ...state };
      if (mode === "push") window.history.pushState(merged, "", next);
      else window.history.replaceState(merged, "", next);
    };

    const offDetail = useDetail.subscribe((s, prev) => {
      if (applying || s.assetId === prev.assetId) return;
      if (s.assetId && !prev.assetId) write("push", { [OURS]: true });
      else if (s.assetId) write("replace", null);
      else if ((window.history.state as Record<string, unknown> | null)?.[OURS]) window.history.back();
      else write("replace", null);
    });
    const offAssets = useAssets.subscribe((s, prev) => {
      if (!applying && s.filter !== prev.filter) write("replace", null);
    });
    const onPop = () => {
      const now = readUrlState(window.location.search);
      applying = true;
      try {
        if (now.asset) useDetail.getState().open(now.asset);
        else useDetail.getState().close();
        if (now.kind !== useAssets.getState().filter) useAssets.getState().setFilter(now.kind);
      } finally {
        applying = false;
      }
    };
    window.addEventListener("popstate", onPop);
    return () => {
      offDetail();
      offAssets();
      window.removeEventListener("popstate", onPop);
    };
  }, [projectId]);
}
