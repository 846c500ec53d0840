"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { MaskHistory, type MaskHistoryJSON } from "@/lib/canvas";

const key = (assetId: string) => `atelier.mask.${assetId}`;

function load(assetId: string): MaskHistory {
  try {
    const raw = localStorage.getItem(key(assetId));
    if (raw) return MaskHistory.restore(JSON.parse(raw) as MaskHistoryJSON);
  } catch {
    // A corrupt entry must not block the editor: start empty.
  }
  return new MaskHistory();
}

/**
 * The asset's mask history, kept in local storage so a reload or a closed tab never loses a
 * designer's mask. Saved after each committed change (pointer up, undo, redo, clear), not per move.
 */
export function useMaskHistory(assetId: string): { history: MaskHistory; version: number } {
  const [history] = useState(() => (typeof window === "undefined" ? new MaskHistory() : load(assetId)));
  const version = useSyncExternalStore(
    (fn) => history.subscribe(fn),
    () => history.version,
    () => 0,
  );
  const gestureActive = history.gesture !== null;
  useEffect(() => {
    if (gestureActive) return;
    try {
      if (history.strokes.length === 0 && !history.canUndo && !history.canRedo) localStorage.removeItem(key(assetId));
      else localStorage.setItem(key(assetId), JSON.stringify(history));
    } catch {
      // Storage full or disabled: the mask still works for this page's life.
    }
  }, [history, assetId, version, gestureActive]);
  return { history, version };
}
