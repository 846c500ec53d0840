/** Isomorphic: the project event stream of docs/api.md "Live events" as the browser and the server see it. */
import type { Asset } from "./assets";
import type { Generation } from "./generations";

/** What the event log records (the stream also sends `ready` and `reset`, which are not logged). */
export const LIVE_EVENT_TYPES = ["generation", "asset.created", "asset.deleted", "asset.restored", "batch"] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** Who made the change; null: the studio itself (a job's progress, a restart) or the built-in admin token. */
export interface EventActor {
  id: string;
  name: string;
}

/** `generation`: the job as it is now (a replay sends each job once, its latest state). */
export type GenerationEventData = Generation & { by: EventActor | null };
/** `asset.created`: one new asset. */
export type AssetCreatedEventData = Asset & { by: EventActor | null };
/** `asset.deleted`, `asset.restored`: the ids, one event per delete or restore (bulk included). */
export interface AssetsChangedEventData {
  assetIds: string[];
  by: EventActor | null;
}
/** `ready`: the stream is live; `lastEventId` is where it starts (load lists after this). */
export interface ReadyEventData {
  lastEventId: number;
}
/** `reset`: what the client holds may miss changes; reload lists. */
export interface ResetEventData {
  reason: "behind" | "unknown_id" | "reconnected";
}

export interface LiveEventMap {
  generation: GenerationEventData;
  "asset.created": AssetCreatedEventData;
  "asset.deleted": AssetsChangedEventData;
  "asset.restored": AssetsChangedEventData;
  batch: Record<string, unknown>;
  ready: ReadyEventData;
  reset: ResetEventData;
  /** Keep-alive, every EVENT_HEARTBEAT_S; no id. */
  ping: Record<string, never>;
}
