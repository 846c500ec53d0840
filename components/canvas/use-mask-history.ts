"use client";

import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { MaskHistory } from "@/lib/canvas";
import { readLocal, type LocalCopy } from "@/lib/client/session-sync";
import { maskSyncTarget } from "@/lib/client/session-targets";
import { useSessionSync } from "./use-session-sync";

function load(assetId: string): { history: MaskHistory; local: LocalCopy | null } {
  try {
    const local = readLocal(localStorage, "mask", assetId);
    if (local) return { history: MaskHistory.restore(local.data), local };
  } catch {
    // A corrupt entry must not block the editor: start empty (the server's copy may still come).
  }
  return { history: new MaskHistory(), local: null };
}

/** What says the mask's content changed: strokes (a new array on every change) and both stacks' depths. */
const contentOf = (h: MaskHistory) => ({ strokes: h.strokes, undo: h.undoDepth, redo: h.redoDepth });

/**
 * The asset's mask history, kept on the server per asset (another browser or a teammate sees it) and in local
 * storage as the offline copy, so a reload or a closed tab never loses a designer's mask. Saved after each committed
 * change (pointer up, undo, redo, clear), not per move. The local copy is shown first; a newer one from the server
 * replaces it — one with unsaved strokes here keeps them one Undo away (lib/client/session-sync.ts).
 */
export function useMaskHistory(assetId: string): { history: MaskHistory; version: number } {
  const [{ history, local }] = useState(() =>
    typeof window === "undefined" ? { history: new MaskHistory(), local: null } : load(assetId),
  );
  const version = useSyncExternalStore(
    (fn) => history.subscribe(fn),
    () => history.version,
    () => 0,
  );
  const target = useMemo(() => maskSyncTarget(history), [history]);
  const sync = useSessionSync(assetId, "mask", target, local);
  useEffect(() => {
    let last = contentOf(history);
    return history.subscribe(() => {
      if (history.gesture) return;
      const now = contentOf(history);
      if (now.strokes === last.strokes && now.undo === last.undo && now.redo === last.redo) return;
      last = now;
      // The server's copy being applied is not a change of this browser's.
      if (sync.current && !sync.current.applying) sync.current.changed();
    });
  }, [history, sync]);
  return { history, version };
}
