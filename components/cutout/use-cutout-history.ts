"use client";

import { useCallback, useEffect, useState } from "react";
import { CutoutHistory, type CutoutHistoryState, type CutoutParams } from "@/lib/canvas";

const key = (assetId: string) => `atelier.cutout.${assetId}`;

export const DEFAULT_CUTOUT: CutoutParams = {
  mode: "local",
  tolerance: 20,
  feather: 1,
  grow: 0,
  background: "transparent",
  canvas: 0,
  padding: 8,
  // Empty: the first model the catalog offers that can return a transparent background.
  model: "",
};

function load(assetId: string): CutoutHistory {
  try {
    const raw = localStorage.getItem(key(assetId));
    if (raw) return new CutoutHistory(JSON.parse(raw) as CutoutHistoryState);
  } catch {
    // Corrupt entry: start fresh.
  }
  return new CutoutHistory(DEFAULT_CUTOUT);
}

/** The cutout session of an asset, persisted per asset; `act` mutates and re-renders. */
export function useCutoutHistory(assetId: string) {
  const [history] = useState(() => (typeof window === "undefined" ? new CutoutHistory(DEFAULT_CUTOUT) : load(assetId)));
  const [version, setVersion] = useState(0);
  const act = useCallback(
    <T>(fn: (h: CutoutHistory) => T): T => {
      const out = fn(history);
      setVersion((v) => v + 1);
      return out;
    },
    [history],
  );
  useEffect(() => {
    try {
      localStorage.setItem(key(assetId), JSON.stringify(history));
    } catch {
      // Storage unavailable: the session still works in this tab.
    }
  }, [history, assetId, version]);
  return { history, act, version };
}
