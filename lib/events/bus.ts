import "server-only";
import type { LiveEventType, ResetEventData } from "@/lib/contracts/events";
import { afterCommit, dbDialect } from "@/lib/db/client";
import { eventsById, insertEvent, pruneEvents, type EventRow } from "@/lib/db/events";
import { notify, pgListener } from "@/lib/db/listener";
import { env } from "@/lib/env";

/**
 * The event bus behind the project event streams (docs/api.md "Live events"). A change is logged in the
 * `events` table in the transaction that makes it, then announced:
 * - SQLite (one process): to this process's subscribers once the transaction commits;
 * - PostgreSQL (any number of processes): with NOTIFY `atelier_events`, which PostgreSQL delivers at commit,
 *   in commit order, to every process's listener — each hands it to its own subscribers.
 * Subscribers get the logged row; what the stream sends (the generation, the asset) is read when it is sent.
 */
export interface Subscriber {
  event(row: EventRow): void;
  /** Changes may have been missed (the database connection was lost): the client should reload. */
  reset(reason: ResetEventData["reason"]): void;
}

/** NOTIFY payloads are limited to 8000 bytes; a larger event is announced by id and read back. */
const NOTIFY_MAX = 7000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** The log never holds more than this many events, whatever their age. */
export const EVENT_LOG_MAX = 100_000;

interface BusState {
  subscribers: Map<string, Set<Subscriber>>;
  unlisten: (() => void)[];
  /** Announcements are handled one at a time, in the order they came (some read their row first). */
  chain: Promise<void>;
  lastPrune: number;
}
const slot = globalThis as unknown as { __atelierBus?: BusState };
const bus: BusState = (slot.__atelierBus ??= {
  subscribers: new Map(),
  unlisten: [],
  chain: Promise.resolve(),
  lastPrune: 0,
});

/**
 * Log and announce a change of `subjectIds` (a generation, assets) in `projectId`, by `actorId` (a user;
 * null for the studio itself). Call it inside the transaction of the change: a rollback drops both.
 */
export async function publish(
  projectId: string,
  type: LiveEventType,
  subjectIds: string[],
  actorId: string | null = null,
): Promise<void> {
  if (subjectIds.length === 0) return;
  const row = await insertEvent(projectId, type, subjectIds, actorId);
  if (dbDialect() === "postgres") {
    const full = JSON.stringify(row);
    await notify("atelier_events", full.length <= NOTIFY_MAX ? full : JSON.stringify({ id: row.id, projectId }));
  } else {
    afterCommit(() => dispatch(row));
  }
  afterCommit(maybePrune);
}

function dispatch(row: EventRow): void {
  for (const s of bus.subscribers.get(row.projectId) ?? []) {
    try {
      s.event(row);
    } catch (err) {
      console.error("[atelier] event subscriber failed:", err instanceof Error ? err.message : "unknown");
    }
  }
}

function onNotification(payload: string): void {
  let note: Partial<EventRow> & { id: number; projectId: string };
  try {
    note = JSON.parse(payload) as typeof note;
  } catch {
    return;
  }
  if (!bus.subscribers.has(note.projectId)) return;
  bus.chain = bus.chain.then(async () => {
    if (note.subjectIds) return dispatch(note as EventRow);
    const [row] = await eventsById([note.id]).catch(() => []);
    if (row) dispatch(row);
  });
}

function resetAll(reason: ResetEventData["reason"]): void {
  for (const set of bus.subscribers.values()) for (const s of set) s.reset(reason);
}

/** Receive `projectId`'s events from now on (from every process on PostgreSQL); returns the unsubscribe. */
export function subscribe(projectId: string, subscriber: Subscriber): () => void {
  let set = bus.subscribers.get(projectId);
  if (!set) bus.subscribers.set(projectId, (set = new Set()));
  set.add(subscriber);
  const listener = pgListener();
  if (listener && bus.unlisten.length === 0) {
    bus.unlisten.push(
      listener.on("atelier_events", onNotification),
      listener.onReconnect(() => resetAll("reconnected")),
    );
  }
  return () => {
    set.delete(subscriber);
    if (set.size === 0 && bus.subscribers.get(projectId) === set) bus.subscribers.delete(projectId);
    if (bus.subscribers.size === 0) for (const off of bus.unlisten.splice(0)) off();
  };
}

/** Resolves once this process's listener is connected (PostgreSQL; at once on SQLite). */
export async function busReady(): Promise<void> {
  await pgListener()?.ready();
}

/** How many subscribers this process has (tests: a closed stream leaves none). */
export function subscriberCount(): number {
  let n = 0;
  for (const set of bus.subscribers.values()) n += set.size;
  return n;
}

/** Prune the log now and then (outside the transaction that published). */
function maybePrune(): void {
  const now = Date.now();
  if (now - bus.lastPrune < PRUNE_EVERY_MS) return;
  bus.lastPrune = now;
  const before = new Date(now - env().EVENT_LOG_HOURS * 3_600_000).toISOString();
  void pruneEvents(before, EVENT_LOG_MAX).catch(() => undefined);
}
