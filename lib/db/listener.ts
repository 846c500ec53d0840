import "server-only";
import { sql } from "kysely";
import pg from "pg";
import { env } from "@/lib/env";
import { db } from "./client";

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per process (PostgreSQL only), shared by whoever wants notifications: the job
 * runner (`atelier_jobs`, `atelier_cancel`) and the event bus (`atelier_events`). It connects on the first
 * handler and ends with the last, so a script or test exits when its work does. A dropped connection (the
 * database restarted) is re-established after a second; notifications sent meanwhile are lost, so
 * `onReconnect` hooks run once it is back for their owners to catch up (the runner polls, the bus resets).
 */
class PgListener {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHooks = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private lost = false;

  constructor(readonly url: string) {}

  /** Call `handler` with each payload sent on `channel`; returns the unsubscribe. */
  on(channel: string, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      this.handlers.set(channel, (set = new Set()));
      if (this.client) void this.client.query(`LISTEN ${channel}`).catch(() => undefined);
    }
    set.add(handler);
    this.ensure();
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        if (this.client) void this.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
      if (this.handlers.size === 0) this.end();
    };
  }

  /** Run `hook` whenever the connection comes back after it was lost; returns the unsubscribe. */
  onReconnect(hook: () => void): () => void {
    this.reconnectHooks.add(hook);
    return () => void this.reconnectHooks.delete(hook);
  }

  /** Resolves once the connection listens (tests; a publisher that must not race its own listener). */
  async ready(): Promise<void> {
    this.ensure();
    await this.connecting;
  }

  private ensure(): void {
    if (this.closed || this.client || this.connecting || this.handlers.size === 0) return;
    this.connecting = this.connect().finally(() => (this.connecting = null));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on("error", () => undefined);
    client.on("notification", (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) {
        try {
          h(msg.payload ?? "");
        } catch (err) {
          console.error("[atelier] notification handler failed:", err instanceof Error ? err.message : "unknown");
        }
      }
    });
    client.on("end", () => {
      if (this.client !== client) return;
      this.client = null;
      this.lost = true;
      if (!this.closed) setTimeout(() => this.ensure(), 1000).unref();
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.lost = true;
      if (!this.closed) setTimeout(() => this.ensure(), 1000).unref();
      return;
    }
    if (this.closed || this.handlers.size === 0) return void (await client.end().catch(() => undefined));
    this.client = client;
    if (this.lost) {
      this.lost = false;
      for (const hook of this.reconnectHooks) hook();
    }
  }

  private end(): void {
    const c = this.client;
    this.client = null;
    void c?.end().catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.handlers.clear();
    this.reconnectHooks.clear();
    this.end();
  }
}

const slot = globalThis as unknown as { __atelierListener?: PgListener };

/** The process's listener for the configured DATABASE_URL (undefined on SQLite). */
export function pgListener(): PgListener | undefined {
  const url = env().DATABASE_URL;
  if (!url) return undefined;
  const l = slot.__atelierListener;
  if (l && l.url === url) return l;
  l?.close();
  return (slot.__atelierListener = new PgListener(url));
}

/** Drop the listener (tests switching databases; shutdown). */
export function closePgListener(): void {
  slot.__atelierListener?.close();
  slot.__atelierListener = undefined;
}

/** Tell every process (LISTEN on `channel`); delivered after the current transaction commits. */
export async function notify(
  channel: "atelier_jobs" | "atelier_cancel" | "atelier_events",
  payload = "",
): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db());
}
