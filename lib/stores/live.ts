import { create } from "zustand";
import type { Asset } from "@/lib/contracts/assets";
import type { EventActor, LiveEventMap } from "@/lib/contracts/events";
import type { Generation } from "@/lib/contracts/generations";
import { useAssets } from "./assets";
import { forgetAssets } from "./forget-assets";
import { isActive, useJobs } from "./jobs";

/**
 * The project's live event stream as the page sees it (docs/api.md "Live events"): whether it is connected,
 * where it is (the last event id, for a reconnect's replay), and how each event changes the stores. The
 * reducers are plain functions of the stores, unit-tested without a browser; components/studio/
 * use-project-events.ts owns the connection.
 */
export type LiveState = "connecting" | "live" | "offline";

interface LiveStore {
  state: LiveState;
  lastEventId: string | null;
  /** A project page opens: connecting, from no position. */
  reset: () => void;
  setState: (state: LiveState) => void;
  setLastEventId: (id: string) => void;
}

export const useLive = create<LiveStore>((set) => ({
  state: "connecting",
  lastEventId: null,
  reset: () => set({ state: "connecting", lastEventId: null }),
  setState: (state) => set({ state }),
  setLastEventId: (lastEventId) => set({ lastEventId }),
}));

/** Reconnect delays: 1 s, 2 s, 4 s … up to 30 s, with ±20 % jitter so a restarted server is not stormed. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** What the page should tell the user about an event (toasts); the component translates it. */
export type LiveNotice =
  | { kind: "job.ended"; generation: Generation }
  | { kind: "assets.deletedBy"; by: EventActor; count: number }
  | { kind: "reload" };

/**
 * Apply one event to the stores. `me` is the signed-in user's id: a job of theirs that ends is announced,
 * deletes by someone else are. Returns what to tell the user, if anything.
 */
export function applyLiveEvent<K extends keyof LiveEventMap>(
  type: K,
  data: LiveEventMap[K],
  me: string | null,
): LiveNotice | null {
  switch (type) {
    case "generation": {
      const { by: _by, ...g } = data as LiveEventMap["generation"];
      const before = useJobs.getState().generations.find((x) => x.id === g.id);
      if (before && g.updatedAt < before.updatedAt) return null; // an older state than the one held
      useJobs.getState().upsert(g);
      const ended = before !== undefined && isActive(before) && !isActive(g);
      return ended && g.createdBy === me ? { kind: "job.ended", generation: g } : null;
    }
    case "asset.created": {
      const { by: _by, ...asset } = data as LiveEventMap["asset.created"];
      if (asset.projectId === useAssets.getState().projectId) useAssets.getState().add([asset as Asset]);
      return null;
    }
    case "asset.deleted": {
      const { assetIds, by } = data as LiveEventMap["asset.deleted"];
      const held = new Set(useAssets.getState().items.map((a) => a.id));
      const visible = assetIds.filter((id) => held.has(id)).length;
      forgetAssets(assetIds);
      return by && by.id !== me && visible > 0 ? { kind: "assets.deletedBy", by, count: visible } : null;
    }
    case "asset.restored":
    case "reset":
      // Restored assets come back at their place in the order: reload the lists.
      return { kind: "reload" };
    default:
      return null;
  }
}
