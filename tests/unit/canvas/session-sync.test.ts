/**
 * The editor sessions' sync (lib/client/session-sync.ts) against an in-memory server with the route's
 * compare-and-set: two browsers, saves debounced, offline spells, and the rule for a newer server copy.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CutoutHistory, MaskHistory, type AssetSession } from "@/lib/canvas";
import { ApiError } from "@/lib/client/api";
import { localKey, readLocal, SessionSync, type SyncDeps, type SyncNotice } from "@/lib/client/session-sync";
import { cutoutSyncTarget, maskSyncTarget } from "@/lib/client/session-targets";

class FakeServer {
  session: AssetSession | null = null;
  offline = false;
  puts = 0;
  refuse: number | null = null;
  async get(): Promise<AssetSession | null> {
    if (this.offline) throw new ApiError("network", "Network error", 0);
    return this.session && structuredClone(this.session);
  }
  async put(data: Record<string, unknown>, baseVersion: number | null, by: string): Promise<AssetSession> {
    if (this.offline) throw new ApiError("network", "Network error", 0);
    this.puts++;
    if (this.refuse === 413) throw new ApiError("payload_too_large", "too large", 413, { maxBytes: 1 });
    if ((this.session?.version ?? null) !== baseVersion)
      throw new ApiError("conflict", "stale", 409, { current: this.session && structuredClone(this.session) });
    this.session = {
      kind: "mask",
      data: structuredClone(data),
      version: (baseVersion ?? 0) + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: by,
    };
    return structuredClone(this.session);
  }
}

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

function browser(server: FakeServer, user: string, storage = new MemoryStorage()) {
  const notices: SyncNotice[] = [];
  const deps: SyncDeps = {
    get: () => server.get(),
    put: (_a, _k, data, base) => server.put(data, base, user),
    storage,
    notify: (n) => notices.push(n),
    debounceMs: 500,
  };
  const local = readLocal(storage, "mask", "ast_1");
  const history = local ? MaskHistory.restore(local.data) : new MaskHistory();
  const sync = new SessionSync("ast_1", "mask", maskSyncTarget(history), local, deps);
  history.subscribe(() => {
    if (!history.gesture && !sync.applying) sync.changed();
  });
  return { history, sync, notices, storage };
}

function draw(h: MaskHistory, x: number) {
  h.beginStroke("brush", 10, x, x);
  h.extendStroke(x + 5, x + 5);
  h.endStroke();
}

/** Let the debounce pass and every request settle. */
async function settle(ms = 600) {
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("SessionSync", () => {
  it("saves a burst of changes once, after the debounce, and another browser loads it with its undo", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    await a.sync.refresh();
    draw(a.history, 1);
    draw(a.history, 20);
    await settle(100);
    expect(server.puts).toBe(0);
    await settle();
    expect(server.puts).toBe(1);
    expect(a.sync.state).toMatchObject({ version: 1, dirty: false });

    const b = browser(server, "usr_b");
    await b.sync.refresh();
    expect([b.history.strokes.length, b.history.undoDepth]).toEqual([2, 2]);
    expect(b.notices).toEqual([]); // the mount's read is taken without a word
    expect(JSON.parse(b.storage.getItem(localKey("mask", "ast_1"))!)).toMatchObject({ sync: 1, version: 1 });
  });

  it("takes a newer copy on refresh when nothing here is unsaved, and says so", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    const b = browser(server, "usr_b");
    await a.sync.refresh();
    await b.sync.refresh();
    draw(a.history, 1);
    await settle();
    await b.sync.refresh();
    expect(b.history.strokes).toHaveLength(1);
    expect(b.notices).toEqual([{ type: "updated", by: "usr_a" }]);
    // Taking it is not a change of b's: nothing is saved back.
    await settle();
    expect(server.puts).toBe(1);
  });

  it("with unsaved strokes here and a newer server copy: the server's is shown, mine one Undo away, saved as next", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    const b = browser(server, "usr_b");
    await a.sync.refresh();
    await b.sync.refresh();
    server.offline = true;
    draw(b.history, 100); // b draws offline
    await settle();
    expect(b.sync.state.dirty).toBe(true);
    server.offline = false;
    draw(a.history, 1);
    draw(a.history, 2);
    await settle();
    expect(server.session?.version).toBe(1);

    await b.sync.refresh(); // back online
    expect(b.notices).toEqual([{ type: "merged", by: "usr_a" }]);
    expect(b.history.strokes.map((s) => s.points[0])).toEqual([1, 2]);
    await settle();
    expect(server.session?.version).toBe(2);
    expect(b.sync.state).toMatchObject({ version: 2, dirty: false });
    b.history.undo();
    expect(b.history.strokes.map((s) => s.points[0])).toEqual([100]);
    b.history.redo();
    expect(b.history.strokes.map((s) => s.points[0])).toEqual([1, 2]);
  });

  it("meets a 409 on save (a teammate saved meanwhile) with the same rule", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    const b = browser(server, "usr_b");
    await a.sync.refresh();
    await b.sync.refresh();
    draw(a.history, 1);
    await settle();
    draw(b.history, 50); // based on "none": stale
    await settle();
    expect(b.notices).toEqual([{ type: "merged", by: "usr_a" }]);
    await settle();
    expect(server.session).toMatchObject({ version: 2, updatedBy: "usr_b" });
    const stored = MaskHistory.restore(server.session!.data);
    expect(stored.strokes.map((s) => s.points[0])).toEqual([1]);
    stored.undo();
    expect(stored.strokes.map((s) => s.points[0])).toEqual([50]);
    // a takes it on its next look, silently merged nothing: a had nothing unsaved.
    await a.sync.refresh();
    expect(a.notices).toEqual([{ type: "updated", by: "usr_b" }]);
    expect(a.history.undoDepth).toBe(2);
  });

  it("shows the local copy first while offline, and pushes it when the server can be reached", async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const a = browser(server, "usr_a", storage);
    await a.sync.refresh();
    server.offline = true;
    draw(a.history, 1);
    await settle();
    a.sync.dispose(); // the tab closes offline

    const again = browser(server, "usr_a", storage);
    expect(again.history.strokes).toHaveLength(1); // at once, from this browser's copy
    await again.sync.refresh();
    expect(again.sync.state.loaded).toBe(false);
    server.offline = false;
    await settle(2100); // the retry
    expect(again.sync.state).toMatchObject({ loaded: true, version: 1, dirty: false });
    expect(server.session?.version).toBe(1);
  });

  it("pushes a copy kept before the server had sessions (the bare history) as unsaved", async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const old = new MaskHistory();
    draw(old, 3);
    storage.setItem(localKey("mask", "ast_1"), JSON.stringify(old));
    const a = browser(server, "usr_a", storage);
    expect(a.sync.state).toMatchObject({ version: null, dirty: true });
    await a.sync.refresh();
    await settle(10);
    expect(server.session?.version).toBe(1);
  });

  it("stops saving after a refusal for good (413), keeping the local copy, and says so once", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    await a.sync.refresh();
    server.refuse = 413;
    draw(a.history, 1);
    await settle();
    draw(a.history, 2);
    await settle(5000);
    expect(server.puts).toBe(1);
    expect(a.notices).toEqual([{ type: "too_large" }]);
    expect(a.sync.state).toMatchObject({ stopped: true, dirty: true });
    expect(readLocal(a.storage, "mask", "ast_1")?.dirty).toBe(true);
  });

  it("does not replace the mask in the middle of a stroke", async () => {
    const server = new FakeServer();
    const a = browser(server, "usr_a");
    const b = browser(server, "usr_b");
    await a.sync.refresh();
    await b.sync.refresh();
    draw(a.history, 1);
    await settle();
    b.history.beginStroke("brush", 10, 9, 9);
    await b.sync.refresh();
    expect(b.history.gesture).not.toBeNull();
    b.history.endStroke(); // the stroke saves, meets the 409, and the rule applies
    await settle();
    await settle();
    expect(b.history.strokes.map((s) => s.points[0])).toEqual([1]);
    expect(server.session?.version).toBe(2);
  });
});

describe("the cutout session's rule", () => {
  it("adds this copy's unsaved runs to the newer server copy's list", async () => {
    const server = new FakeServer();
    const deps = (user: string): SyncDeps => ({
      get: () => server.get(),
      put: (_a, _k, data, base) => server.put(data, base, user),
      storage: null,
      notify: () => undefined,
    });
    const mine = new CutoutHistory({ tolerance: 20 });
    const a = new SessionSync(
      "ast_1",
      "cutout",
      cutoutSyncTarget(mine, () => undefined),
      null,
      deps("usr_a"),
    );
    await a.refresh();
    server.offline = true;
    mine.succeed(mine.startRun("local", "2026-12-01T10:00:00.000Z"), "ast_mine");
    a.changed();
    await settle();
    server.offline = false;
    const theirs = new CutoutHistory({ tolerance: 35 });
    theirs.succeed(theirs.startRun("local", "2026-12-01T10:01:00.000Z"), "ast_theirs");
    await server.put(theirs.toJSON() as unknown as Record<string, unknown>, null, "usr_b");
    await a.refresh();
    await settle();
    expect(mine.runs.map((r) => r.resultAssetId)).toEqual(["ast_theirs", "ast_mine"]);
    expect(mine.params).toEqual({ tolerance: 35 });
    expect(server.session?.version).toBe(2);
  });
});

describe("putSession", () => {
  afterEach(() => void vi.unstubAllGlobals());

  it("asks for keepalive only within the browsers' 64 KiB, and carries a 409's stored session", async () => {
    const { putSession } = await import("@/lib/client/editor-api");
    const calls: RequestInit[] = [];
    const stored: AssetSession = {
      kind: "mask",
      data: {},
      version: 3,
      updatedAt: "2026-12-01T00:00:00.000Z",
      updatedBy: null,
    };
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      calls.push(init);
      return calls.length < 3
        ? Response.json({ session: stored })
        : Response.json(
            { error: { code: "conflict", message: "stale", details: { current: stored } } },
            { status: 409 },
          );
    });
    await putSession("ast_1", "mask", { small: true }, null, { keepalive: true });
    await putSession("ast_1", "mask", { big: "x".repeat(70 * 1024) }, null, { keepalive: true });
    expect(calls.map((c) => c.keepalive)).toEqual([true, false]);
    const err = await putSession("ast_1", "mask", {}, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: "conflict", status: 409, details: { current: stored } });
  });
});
