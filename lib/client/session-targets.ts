import { CutoutHistory, MaskHistory, sameStrokes } from "@/lib/canvas";
import type { SyncTarget } from "./session-sync";

/**
 * The two editor sessions as lib/client/session-sync.ts sees them, with the rule for a newer copy from the server
 * while this one has unsaved changes: the server's is shown, and what only this copy has is folded in.
 */

/** The mask: this copy's strokes become one Undo step back of the server's (Undo shows them, Redo comes back). */
export function maskSyncTarget(history: MaskHistory): SyncTarget {
  return {
    snapshot: () => history.toJSON() as unknown as Record<string, unknown>,
    isEmpty: () => history.strokes.length === 0 && history.undoDepth === 0 && history.redoDepth === 0,
    busy: () => history.gesture !== null,
    take: (data) => {
      try {
        history.replaceWith(MaskHistory.restore(data));
        return true;
      } catch {
        return false;
      }
    },
    merge: (data) => {
      let theirs: MaskHistory;
      try {
        theirs = MaskHistory.restore(data);
      } catch {
        return "invalid";
      }
      const same = sameStrokes(history.strokes, theirs.strokes);
      if (!same) theirs.keepAsUndo(history.strokes);
      history.replaceWith(theirs);
      return same ? "same" : "merged";
    },
  };
}

/** The cutout: this copy's runs the server's lacks are added to its list; its parameter edits yield. */
export function cutoutSyncTarget(history: CutoutHistory, rerender: () => void): SyncTarget {
  return {
    snapshot: () => history.toJSON() as unknown as Record<string, unknown>,
    isEmpty: () => history.runs.length === 0 && !history.canUndo && !history.canRedo,
    // A run under way in this tab: its result (or failure) is the change that saves.
    busy: () => history.runs.some((r) => r.status === "running"),
    take: (data) => {
      try {
        history.replaceWith(CutoutHistory.restore(data));
      } catch {
        return false;
      }
      rerender();
      return true;
    },
    merge: (data) => {
      let theirs: CutoutHistory;
      try {
        theirs = CutoutHistory.restore(data);
      } catch {
        return "invalid";
      }
      const mine = history.toJSON();
      const added = theirs.adoptRuns(mine.runs);
      const same = added === 0 && JSON.stringify(theirs.toJSON()) === JSON.stringify(mine);
      history.replaceWith(theirs);
      rerender();
      return added > 0 ? "merged" : same ? "same" : "taken";
    },
  };
}
