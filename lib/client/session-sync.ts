import type { AssetSession, SessionKind } from "@/lib/canvas/sessions";
import { ApiError } from "./api";

/**
 * Keeps one editor session of an asset (the mask history, the cutout session) on the server, with this
 * browser's storage as the offline copy (docs/api.md "Assets", editor sessions):
 *
 * - The local copy is shown at once; the server's is read on mount and again whenever the page comes back
 *   (window `focus`, `visibilitychange` to visible, `online`). No live event: a teammate's save shows the next
 *   time the editor is looked at.
 * - Each committed change is written to the local copy and saved ~500 ms later (one PUT for a burst), naming
 *   the version it is based on; the page going away (`visibilitychange` to hidden, `pagehide`) saves at once,
 *   with `keepalive` where the body is small enough. What could not be sent stays marked unsaved locally and
 *   goes with the next save, here or on the next visit.
 * - The rule when the server has a newer version: with no unsaved change here, the server's is taken. With
 *   unsaved changes, the server's still wins what is shown — and what only this copy had is folded into it, not
 *   dropped: a mask's strokes become one Undo step back (Undo shows this browser's mask, Redo the server's), a
 *   cutout's runs are added to the server's run list (only parameter edits yield). The result is saved as the
 *   next version, and the designer is told.
 * - A refused save (asset deleted, not allowed, over the size bound) stops saving; the local copy remains.
 */

/** What a synced editor state offers the sync. */
export interface SyncTarget {
  /** The state to save (its classes' `toJSON()`). */
  snapshot(): Record<string, unknown>;
  /** Nothing worth keeping (a fresh editor): no local copy is kept and nothing is sent. */
  isEmpty(): boolean;
  /** In the middle of something (a stroke being drawn, a cutout running): neither saved nor replaced now. */
  busy(): boolean;
  /** Show the server's `data` instead of this copy; false when it is not a session of this kind. */
  take(data: unknown): boolean;
  /**
   * Show the server's `data`, folding in what only this copy has. "same": nothing differed; "taken": nothing of
   * this copy's was worth keeping; "merged": something was kept; "invalid": `data` is not a session of this kind.
   */
  merge(data: unknown): "same" | "taken" | "merged" | "invalid";
}

export type SyncNotice = { type: "updated" | "merged"; by: string | null } | { type: "too_large" };

export interface SyncDeps {
  get: (assetId: string, kind: SessionKind) => Promise<AssetSession | null>;
  put: (
    assetId: string,
    kind: SessionKind,
    data: Record<string, unknown>,
    baseVersion: number | null,
    opts?: { keepalive?: boolean },
  ) => Promise<AssetSession>;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  notify: (n: SyncNotice) => void;
  debounceMs?: number;
}

/** The local copy: the session's data, the server version it is based on, and whether it has unsaved changes. */
export interface LocalCopy {
  data: unknown;
  version: number | null;
  dirty: boolean;
}

export const localKey = (kind: SessionKind, assetId: string) => `atelier.${kind}.${assetId}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** This browser's copy; one written before the server kept sessions (the bare session) counts as unsaved. */
export function readLocal(storage: SyncDeps["storage"], kind: SessionKind, assetId: string): LocalCopy | null {
  try {
    const raw = storage?.getItem(localKey(kind, assetId));
    if (!raw) return null;
    const v = JSON.parse(raw) as unknown;
    if (isObject(v) && v.sync === 1)
      return { data: v.data, version: typeof v.version === "number" ? v.version : null, dirty: v.dirty === true };
    return { data: v, version: null, dirty: true };
  } catch {
    return null;
  }
}

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 60_000;

export class SessionSync {
  private version: number | null;
  private dirty: boolean;
  /** Committed changes so far: a save clears `dirty` only if none came while it was on its way. */
  private seq = 0;
  /** The server has answered a read: saves wait for it (a blind save would only meet a 409). */
  private loaded = false;
  private stopped = false;
  private disposed = false;
  /** The debounced save. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A read or save that could not reach the server, tried again with a growing delay. */
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  /** Reads and saves run one at a time, in order; one of each may wait. */
  private chain: Promise<void> = Promise.resolve();
  private waiting = new Set<"flush" | "refresh">();
  /** True while the server's copy is being applied: the target's own change listeners must not count it. */
  applying = false;

  constructor(
    readonly assetId: string,
    readonly kind: SessionKind,
    private readonly target: SyncTarget,
    local: LocalCopy | null,
    private readonly deps: SyncDeps,
  ) {
    this.version = local?.version ?? null;
    this.dirty = local?.dirty ?? false;
  }

  /** For tests and the UI: the server version this copy is based on, and whether it has unsaved changes. */
  get state(): { version: number | null; dirty: boolean; loaded: boolean; stopped: boolean } {
    return { version: this.version, dirty: this.dirty, loaded: this.loaded, stopped: this.stopped };
  }

  /** After each committed change (a stroke, undo, a run's result…): kept locally now, saved shortly. */
  changed(): void {
    if (this.disposed) return;
    this.seq++;
    this.dirty = true;
    this.writeLocal();
    this.schedule(this.deps.debounceMs ?? 500);
  }

  /** Read the server's copy and reconcile (on mount, focus, back online). */
  refresh(): Promise<void> {
    return this.enqueue("refresh", async () => {
      try {
        const s = await this.deps.get(this.assetId, this.kind);
        this.retryMs = RETRY_MIN_MS;
        this.reconcile(s, !this.loaded);
      } catch (err) {
        this.refused(err, () => void this.refresh());
      }
    });
  }

  /** Save now if there is anything unsaved (the debounce's end; the page being hidden). */
  flush(): Promise<void> {
    this.clearTimer();
    return this.enqueue("flush", () => this.save());
  }

  /** The page is going away: send what is unsaved at once, outside the queue, so that it may outlive the page. */
  flushOnExit(): void {
    if (this.disposed || this.stopped || !this.loaded || !this.dirty || this.target.isEmpty()) return;
    this.clearTimer();
    const base = this.version;
    const sent = this.seq;
    this.deps.put(this.assetId, this.kind, this.target.snapshot(), base, { keepalive: true }).then(
      // Still here (kept in the back-forward cache, or it was only hidden): as any save.
      (s) => {
        if (this.disposed || this.version !== base) return;
        this.version = s.version;
        if (this.seq === sent) this.dirty = false;
        this.writeLocal();
      },
      () => undefined,
    );
  }

  /** The editor closed: no more reads, nothing applied to the target or written locally; unsaved work goes now. */
  dispose(): void {
    if (this.dirty && this.loaded && !this.stopped && !this.target.isEmpty()) {
      void this.deps.put(this.assetId, this.kind, this.target.snapshot(), this.version).catch(() => undefined);
    }
    this.disposed = true;
    this.clearTimer();
  }

  /** Listen to the page: refresh when it comes back, save when it goes. Answers the way to stop. */
  attach(win: Window): () => void {
    const doc = win.document;
    const onBack = () => void this.refresh();
    const onVisibility = () => (doc.visibilityState === "hidden" ? void this.flush() : onBack());
    const onHide = () => this.flushOnExit();
    const onShow = (e: PageTransitionEvent) => e.persisted && onBack();
    win.addEventListener("focus", onBack);
    win.addEventListener("online", onBack);
    win.addEventListener("pagehide", onHide);
    win.addEventListener("pageshow", onShow);
    doc.addEventListener("visibilitychange", onVisibility);
    return () => {
      win.removeEventListener("focus", onBack);
      win.removeEventListener("online", onBack);
      win.removeEventListener("pagehide", onHide);
      win.removeEventListener("pageshow", onShow);
      doc.removeEventListener("visibilitychange", onVisibility);
    };
  }

  private enqueue(op: "flush" | "refresh", fn: () => Promise<void>): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.waiting.has(op)) return this.chain;
    this.waiting.add(op);
    this.chain = this.chain.then(async () => {
      this.waiting.delete(op);
      if (!this.disposed) await fn();
    });
    return this.chain;
  }

  private async save(): Promise<void> {
    if (this.stopped || !this.loaded || !this.dirty) return;
    // Whatever ends it (the stroke's pointer up, the run's result) is a change, which saves.
    if (this.target.busy()) return;
    if (this.target.isEmpty() && this.version === null) {
      this.dirty = false;
      this.writeLocal();
      return;
    }
    const sent = this.seq;
    try {
      const s = await this.deps.put(this.assetId, this.kind, this.target.snapshot(), this.version);
      if (this.disposed) return;
      this.retryMs = RETRY_MIN_MS;
      this.version = s.version;
      if (this.seq === sent) this.dirty = false;
      this.writeLocal();
    } catch (err) {
      if (this.disposed) return;
      if (err instanceof ApiError && err.code === "conflict") {
        const current = (err.details.current ?? null) as AssetSession | null;
        this.reconcile(current, false);
      } else this.refused(err, () => void this.flush());
    }
  }

  /** A read or save failed: the server said no for good (stop), or it could not be reached (try again later). */
  private refused(err: unknown, retry: () => void): void {
    if (this.disposed) return;
    const status = err instanceof ApiError ? err.status : 0;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      this.stopped = true;
      this.clearTimer();
      if (err instanceof ApiError && err.code === "payload_too_large") this.deps.notify({ type: "too_large" });
      return;
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      retry();
    }, this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  /** The server's copy `s` (null: none) against this one. `first`: the mount's read (taken without a word). */
  private reconcile(s: AssetSession | null, first: boolean): void {
    if (this.disposed) return;
    this.loaded = true;
    if (s === null) {
      // None on the server (yet, or any more): this copy is the one.
      this.version = null;
      if (!this.target.isEmpty()) this.markChanged();
      return;
    }
    if (s.version === this.version) {
      if (this.dirty) this.schedule(0);
      return;
    }
    // Another version than this copy is based on: saved from elsewhere. Decided once what is under way ends.
    if (this.target.busy()) return;
    if (!this.dirty) {
      if (this.apply(() => this.target.take(s.data))) {
        this.version = s.version;
        this.writeLocal();
        if (!first) this.deps.notify({ type: "updated", by: s.updatedBy });
      } else {
        // Not a session (written by some other client): this copy replaces it.
        this.version = s.version;
        this.markChanged();
      }
      return;
    }
    const outcome = this.apply(() => this.target.merge(s.data));
    this.version = s.version;
    if (outcome === "same" || outcome === "taken") {
      this.dirty = false;
      this.writeLocal();
      if (outcome === "taken") this.deps.notify({ type: "updated", by: s.updatedBy });
      return;
    }
    if (outcome === "merged") this.deps.notify({ type: "merged", by: s.updatedBy });
    this.markChanged();
  }

  private apply<T>(fn: () => T): T {
    this.applying = true;
    try {
      return fn();
    } finally {
      this.applying = false;
    }
  }

  private markChanged(): void {
    this.seq++;
    this.dirty = true;
    this.writeLocal();
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped || this.disposed) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.disposed) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private writeLocal(): void {
    const storage = this.deps.storage;
    if (!storage || this.disposed) return;
    const key = localKey(this.kind, this.assetId);
    try {
      if (this.target.isEmpty() && this.version === null) storage.removeItem(key);
      else
        storage.setItem(
          key,
          JSON.stringify({ sync: 1, version: this.version, dirty: this.dirty, data: this.target.snapshot() }),
        );
    } catch {
      // Storage full or disabled: the session still works (and saves) for this page's life.
    }
  }
}
