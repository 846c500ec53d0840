import "server-only";
import { toAsset } from "@/lib/assets/serialize";
import { authenticate } from "@/lib/auth/principal";
import type { EventActor, LiveEventMap, ResetEventData } from "@/lib/contracts/events";
import { getAssets } from "@/lib/db/assets";
import { db } from "@/lib/db/client";
import { eventIdRange, eventsAfter, type EventRow } from "@/lib/db/events";
import { getGeneration } from "@/lib/db/generations";
import { env } from "@/lib/env";
import { toGeneration } from "@/lib/generations/serialize";
import { busReady, subscribe } from "./bus";

/**
 * `GET /api/projects/:projectId/events` (docs/api.md "Live events"): one Server-Sent Events stream per
 * client. On connect it subscribes first, then replays what the client missed (`Last-Event-ID`), so no
 * change falls between the replay and the live events; then `ready`. A client further behind than
 * REPLAY_MAX events, or than the log reaches back, gets `reset` (reload). Payloads are read when sent: a
 * replay sends each job once, as it is now. A keep-alive `ping` event (an event, not a comment, so that a
 * browser's EventSource sees it and can tell a silent stream from a dead one) every EVENT_HEARTBEAT_S re-checks the
 * client's credentials (a revoked session's stream ends). A client that stops reading is cut off once
 * SLOW_CLIENT_BYTES wait for it; it reconnects and replays.
 */
export const REPLAY_MAX = 1000;
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
const RETRY_MS = 2000;

const encoder = new TextEncoder();

function frame<K extends keyof LiveEventMap>(type: K, id: number | null, data: LiveEventMap[K]): string {
  return `${id === null ? "" : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Who made a change, as events show it; read once per user per while (a name change shows within a minute). */
const actors = new Map<string, { at: number; value: Promise<EventActor | null> }>();
function actorOf(id: string | null): Promise<EventActor | null> {
  if (id === null) return Promise.resolve(null);
  const hit = actors.get(id);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const value = db()
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "=", id)
    .executeTakeFirst()
    .then((u) => u ?? null);
  actors.set(id, { at: Date.now(), value });
  if (actors.size > 10_000) actors.clear();
  return value;
}

/** The frames of one logged event (none when what it names is gone, e.g. deleted since). */
async function readFrames(row: EventRow): Promise<string> {
  const by = await actorOf(row.actorId);
  switch (row.type) {
    case "generation": {
      const g = await getGeneration(row.subjectIds[0]);
      if (!g || g.projectId !== row.projectId) return "";
      return frame("generation", row.id, { ...(await toGeneration(g)), by });
    }
    case "asset.created": {
      const assets = (await getAssets(row.subjectIds)).filter((a) => a.projectId === row.projectId);
      const order = new Map(row.subjectIds.map((id, i) => [id, i]));
      assets.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return assets.map((a) => frame("asset.created", row.id, { ...toAsset(a), by })).join("");
    }
    case "asset.deleted":
    case "asset.restored":
      return frame(row.type, row.id, { assetIds: row.subjectIds, by });
    case "batch":
      return "";
  }
}

/**
 * The frames of an event, read once per process however many streams send it (every tab of a project gets
 * each event): kept a few seconds, long enough for all of them to ask.
 */
const FRAME_TTL_MS = 5000;
const frames = new Map<string, Promise<string>>();
function framesOf(row: EventRow): Promise<string> {
  // Keyed with the project too: ids are per database, and a test process may open several.
  const key = `${row.projectId}:${row.id}`;
  let hit = frames.get(key);
  if (!hit) {
    hit = readFrames(row).catch(() => "");
    frames.set(key, hit);
    setTimeout(() => frames.delete(key), FRAME_TTL_MS).unref();
  }
  return hit;
}

/** Frames for a replay: each job once (its last event), everything else in order. */
function collapse(rows: EventRow[]): EventRow[] {
  const lastOfJob = new Map<string, number>();
  rows.forEach((r, i) => r.type === "generation" && lastOfJob.set(r.subjectIds[0], i));
  return rows.filter((r, i) => r.type !== "generation" || lastOfJob.get(r.subjectIds[0]) === i);
}

function lastEventIdOf(req: Request): number | undefined {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

export function projectEventStream(req: Request, projectId: string): Response {
  const lastId = lastEventIdOf(req);
  let cleanup = () => {};
  // Shared with cancel(): a client that goes away closes the stream from its side, and nothing may be
  // enqueued after that (a keep-alive or a late event would throw "Controller is already closed").
  let open = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let live = false;
        const buffered: EventRow[] = [];
        const sent = new Set<number>();
        let chain = Promise.resolve();

        const close = () => {
          if (!open) return;
          open = false;
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const write = (text: string) => {
          if (!open || text === "") return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            return close(); // closed under us
          }
          if ((controller.desiredSize ?? 0) < 0) close(); // it stopped reading: it will reconnect and replay
        };
        /** Frames go out one event at a time, in order, though each is read asynchronously. */
        const send = (row: EventRow) => {
          chain = chain.then(async () => {
            if (!open || sent.has(row.id)) return;
            sent.add(row.id);
            write(await framesOf(row));
          });
        };
        const reset = (reason: ResetEventData["reason"], id: number | null) => {
          chain = chain.then(() => write(frame("reset", id, { reason })));
        };

        const unsubscribe = subscribe(projectId, {
          event: (row) => (live ? send(row) : void buffered.push(row)),
          reset: (reason) => reset(reason, null),
        });
        const beat = setInterval(() => {
          write(frame("ping", null, {}));
          authenticate(req).catch(() => close());
        }, env().EVENT_HEARTBEAT_S * 1000);
        const onAbort = () => close();
        req.signal.addEventListener("abort", onAbort);
        cleanup = () => {
          unsubscribe();
          clearInterval(beat);
          req.signal.removeEventListener("abort", onAbort);
        };

        write(`retry: ${RETRY_MS}\n\n`);
        void (async () => {
          await busReady();
          const range = await eventIdRange();
          if (lastId !== undefined) {
            if (lastId < 0 || lastId > range.last) reset("unknown_id", range.last);
            else if (range.first > 0 && lastId < range.first - 1) reset("behind", range.last);
            else {
              const missed = await eventsAfter(projectId, lastId, REPLAY_MAX + 1);
              if (missed.length > REPLAY_MAX) reset("behind", range.last);
              else {
                const replay = collapse(missed);
                const replayed = new Set(replay.map((r) => r.id));
                for (const row of missed) if (!replayed.has(row.id)) sent.add(row.id); // superseded
                for (const row of replay) send(row);
              }
            }
          }
          chain = chain.then(() => write(frame("ready", range.last, { lastEventId: range.last })));
          live = true;
          for (const row of buffered.splice(0)) if (lastId === undefined || row.id > lastId) send(row);
        })().catch(() => close());
      },
      cancel() {
        open = false;
        cleanup();
      },
    },
    { highWaterMark: SLOW_CLIENT_BYTES, size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression (which buffers) stays off; proxies pass each frame at once.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
