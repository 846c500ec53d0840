"use client";

import { useCallback, useMemo, useState } from "react";
import { useSessionSync } from "@/components/canvas/use-session-sync";
import { CutoutHistory, type CutoutParams } from "@/lib/canvas";
import { readLocal, type LocalCopy } from "@/lib/client/session-sync";
import { cutoutSyncTarget } from "@/lib/client/session-targets";

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

function load(assetId: string): { history: CutoutHistory; local: LocalCopy | null } {
  try {
    const local = readLocal(localStorage, "cutout", assetId);
    if (local) return { history: CutoutHistory.restore(local.data), local };
  } catch {
    // Corrupt entry: start fresh (the server's copy may still come).
  }
  return { history: new CutoutHistory(DEFAULT_CUTOUT), local: null };
}

/** What says the session changed: its params and runs (new objects on every change) and the run shown. */
const contentOf = (h: CutoutHistory) => ({ params: h.params, runs: h.runs, shown: h.shown?.id ?? null });

/**
 * The cutout session of an asset, kept on the server per asset (another browser or a teammate sees its runs) and
 * in local storage as the offline copy; `act` mutates, re-renders and saves. A newer session from the server
 * replaces this one — with unsaved runs here added to its list (lib/client/session-sync.ts).
 */
export function useCutoutHistory(assetId: string) {
  const [{ history, local }] = useState(() =>
    typeof window === "undefined" ? { history: new CutoutHistory(DEFAULT_CUTOUT), local: null } : load(assetId),
  );
  const [version, setVersion] = useState(0);
  const rerender = useCallback(() => setVersion((v) => v + 1), []);
  const target = useMemo(() => cutoutSyncTarget(history, rerender), [history, rerender]);
  const sync = useSessionSync(assetId, "cutout", target, local);
  const act = useCallback(
    <T>(fn: (h: CutoutHistory) => T): T => {
      const before = contentOf(history);
      const out = fn(history);
      rerender();
      const after = contentOf(history);
      // An undo with nothing to undo, a click on the run already shown: nothing to save.
      if (before.params !== after.params || before.runs !== after.runs || before.shown !== after.shown)
        sync.current?.changed();
      return out;
    },
    [history, rerender, sync],
  );
  return { history, act, version };
}
