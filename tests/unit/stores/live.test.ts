import { beforeEach, describe, expect, it } from "vitest";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";
import { useAssets } from "@/lib/stores/assets";
import { useDetail } from "@/lib/stores/detail";
import { countJobs, etaMs, matchesJobFilter, mergeNewer, queuePositions, useJobs } from "@/lib/stores/jobs";
import { applyLiveEvent, backoffMs } from "@/lib/stores/live";
import { useSelection } from "@/lib/stores/selection";
import { assetFixture, generationFixture } from "@/tests/helpers/fixtures";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

function gen(over: Partial<Generation> = {}): Generation {
  return generationFixture({
    status: "running",
    phase: "generating",
    createdBy: "usr_me",
    createdAt: at(1),
    updatedAt: at(1),
    startedAt: at(1),
    ...over,
  });
}

const asset = (id: string, s: number): Asset => assetFixture({ id, createdAt: at(s) });

const ANA = { id: "usr_ana", name: "Ana" };

beforeEach(() => {
  useJobs.getState().reset("prj_1");
  useAssets.getState().reset("prj_1");
  useAssets.getState().addPage(useAssets.getState().epoch, [asset("ast_a", 1), asset("ast_b", 2)], null);
  useSelection.getState().clear();
  useDetail.getState().close();
});

describe("applyLiveEvent", () => {
  it("upserts jobs, ignores an older state, and announces only the user's own job ending", () => {
    expect(applyLiveEvent("generation", { ...gen(), by: ANA }, "usr_me")).toBeNull();
    expect(useJobs.getState().generations).toHaveLength(1);
    const done = gen({ status: "succeeded", updatedAt: at(3), finishedAt: at(3) });
    expect(applyLiveEvent("generation", { ...done, by: null }, "usr_me")).toEqual({
      kind: "job.ended",
      generation: done,
    });
    // A late, older frame cannot roll it back.
    expect(applyLiveEvent("generation", { ...gen({ updatedAt: at(2) }), by: null }, "usr_me")).toBeNull();
    expect(useJobs.getState().generations[0].status).toBe("succeeded");
    expect(useJobs.getState().generations[0]).not.toHaveProperty("by");
    // A teammate's job ending is shown, not toasted.
    useJobs.getState().reset("prj_1");
    applyLiveEvent("generation", { ...gen({ createdBy: "usr_ana" }), by: ANA }, "usr_me");
    expect(applyLiveEvent("generation", { ...done, createdBy: "usr_ana", by: null }, "usr_me")).toBeNull();
  });

  it("adds created assets in order and drops deleted ones everywhere, naming a teammate who deleted", () => {
    applyLiveEvent("asset.created", { ...asset("ast_c", 3), by: ANA }, "usr_me");
    expect(useAssets.getState().items.map((a) => a.id)).toEqual(["ast_c", "ast_b", "ast_a"]);
    useSelection.getState().selectAll(["ast_a", "ast_c"]);
    useDetail.getState().open("ast_a");
    expect(applyLiveEvent("asset.deleted", { assetIds: ["ast_a", "ast_zz"], by: ANA }, "usr_me")).toEqual({
      kind: "assets.deletedBy",
      by: ANA,
      count: 1,
    });
    expect(useAssets.getState().items.map((a) => a.id)).toEqual(["ast_c", "ast_b"]);
    expect([...useSelection.getState().selected]).toEqual(["ast_c"]);
    expect(useDetail.getState().assetId).toBeNull();
    // The user's own delete (another tab) is not announced again; nothing held: nothing to say.
    expect(
      applyLiveEvent("asset.deleted", { assetIds: ["ast_b"], by: { id: "usr_me", name: "Me" } }, "usr_me"),
    ).toBeNull();
    expect(applyLiveEvent("asset.deleted", { assetIds: ["ast_gone"], by: ANA }, "usr_me")).toBeNull();
  });

  it("asks for a reload on reset and restore", () => {
    expect(applyLiveEvent("reset", { reason: "behind" }, null)).toEqual({ kind: "reload" });
    expect(applyLiveEvent("asset.restored", { assetIds: ["ast_a"], by: null }, null)).toEqual({ kind: "reload" });
  });
});

describe("reconnecting", () => {
  it("backs off 1 s, 2 s, 4 s … 30 s with ±20 % jitter", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffMs(0, () => 0)).toBe(800);
    expect(backoffMs(0, () => 1)).toBe(1200);
  });
});

describe("upsert", () => {
  it("keeps a newer state than a late answer brings (a POST answered after the stream showed the end)", () => {
    applyLiveEvent("generation", { ...gen({ status: "failed", updatedAt: at(4) }), by: null }, null);
    useJobs.getState().upsert(gen({ status: "queued", updatedAt: at(1) }));
    expect(useJobs.getState().generations.map((g) => g.status)).toEqual(["failed"]);
    useJobs.getState().upsert(gen({ status: "queued", updatedAt: at(5) }));
    expect(useJobs.getState().generations.map((g) => g.status)).toEqual(["queued"]);
  });
});

describe("mergeNewer", () => {
  it("keeps an event's newer state over a list loaded meanwhile", () => {
    const held = [gen({ status: "succeeded", updatedAt: at(5) })];
    const loaded = [gen({ updatedAt: at(2) }), gen({ id: "gen_00000000000000000002", createdAt: at(2) })];
    const merged = mergeNewer(held, loaded);
    expect(merged.map((g) => [g.id, g.status])).toEqual([
      ["gen_00000000000000000002", "running"],
      ["gen_00000000000000000001", "succeeded"],
    ]);
  });
});

describe("jobs at volume", () => {
  const done = (s: number, secs: number, over: Partial<Generation> = {}) =>
    gen({
      id: `gen_${String(s).padStart(20, "0")}`,
      status: "succeeded",
      params: { quality: "low", size: "1024x1024" },
      createdAt: at(s),
      startedAt: at(s),
      finishedAt: at(s + secs),
      updatedAt: at(s + secs),
      ...over,
    });

  it("estimates from the median of the same model × quality × size, only with 3 or more runs", () => {
    const running = gen({ params: { quality: "low", size: "1024x1024" }, startedAt: at(100) });
    const history = [done(1, 10), done(20, 30)];
    expect(etaMs(running, history, Date.parse(at(104)))).toBeNull();
    history.push(done(40, 20), done(60, 99, { params: { quality: "high", size: "1024x1024" } }));
    // Median of 10, 20, 30 (the high-quality run does not count) = 20 s; 4 s in: 16 s left.
    expect(etaMs(running, history, Date.parse(at(104)))).toBe(16_000);
    expect(etaMs(running, history, Date.parse(at(190)))).toBe(0);
    expect(etaMs(gen({ status: "queued", startedAt: null }), history, 0)).toBeNull();
  });

  it("counts, filters and numbers the queue oldest first", () => {
    const list = [
      gen({ id: "gen_q2", status: "queued", createdAt: at(5) }),
      gen({ id: "gen_q1", status: "queued", createdAt: at(3) }),
      gen({ id: "gen_r", status: "running" }),
      gen({ id: "gen_f", status: "failed" }),
      gen({ id: "gen_c", status: "cancelled" }),
      gen({ id: "gen_d", status: "succeeded" }),
    ];
    expect(countJobs(list)).toEqual({ running: 1, queued: 2, failed: 1, done: 1, cancelled: 1 });
    expect([...queuePositions(list)]).toEqual([
      ["gen_q1", 1],
      ["gen_q2", 2],
    ]);
    expect(list.filter((g) => matchesJobFilter(g, "failed")).map((g) => g.id)).toEqual(["gen_f", "gen_c"]);
    expect(list.filter((g) => matchesJobFilter(g, "active"))).toHaveLength(3);
  });
});
