import { beforeEach, describe, expect, it } from "vitest";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";
import { applyStatusView, isActive, lastRetryable, newAssetIds, upsertGeneration, useJobs } from "@/lib/stores/jobs";
import { generationFixture } from "@/tests/helpers/fixtures";

let seq = 0;
function gen(over: Partial<Generation> = {}): Generation {
  seq += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
  return generationFixture({
    id: `gen_${String(seq).padStart(20, "0")}`,
    model: "gpt-image-1",
    params: { n: 3 },
    total: 3,
    createdAt: at,
    updatedAt: at,
    ...over,
  });
}

const view = (g: Generation, over: Partial<GenerationStatusView>): GenerationStatusView => ({
  id: g.id,
  previews: g.previews,
  status: g.status,
  phase: g.phase,
  message: g.message,
  current: g.current,
  total: g.total,
  missing: g.missing,
  assetIds: g.assetIds,
  error: g.error,
  updatedAt: g.updatedAt,
  ...over,
});

describe("upsertGeneration", () => {
  it("inserts newest first and replaces by id", () => {
    const a = gen();
    const b = gen();
    let list = upsertGeneration([], a);
    list = upsertGeneration(list, b);
    expect(list.map((g) => g.id)).toEqual([b.id, a.id]);
    list = upsertGeneration(list, { ...a, status: "succeeded" });
    expect(list).toHaveLength(2);
    expect(list[1].status).toBe("succeeded");
  });
});

describe("applyStatusView", () => {
  it("merges progress into the generation", () => {
    const g = gen({ status: "running", phase: "generating" });
    const next = applyStatusView(
      [g],
      view(g, { current: 1, assetIds: ["ast_1"], phase: "saving", updatedAt: "2026-01-01T01:00:00.000Z" }),
    );
    expect(next[0]).toMatchObject({ current: 1, phase: "saving", assetIds: ["ast_1"], prompt: "mug" });
  });

  it("merges streamed previews, and drops them with the final state", () => {
    const g = gen({ status: "running", phase: "generating" });
    const withPreview = applyStatusView([g], view(g, { previews: ["/p/0"], updatedAt: "2026-01-01T01:00:00.000Z" }));
    expect(withPreview[0].previews).toEqual(["/p/0"]);
    const done = applyStatusView(
      withPreview,
      view(g, { status: "succeeded", phase: "done", previews: [], updatedAt: "2026-01-01T01:00:01.000Z" }),
    );
    expect(done[0]).toMatchObject({ status: "succeeded", previews: [] });
  });

  it("ignores a view older than what is held (a slow poll cannot undo a cancel)", () => {
    const g = gen({ status: "cancelled", updatedAt: "2026-01-01T02:00:00.000Z" });
    const list = [g];
    expect(applyStatusView(list, view(g, { status: "running", updatedAt: "2026-01-01T01:00:00.000Z" }))).toBe(list);
  });

  it("returns the same array when nothing changed or the id is unknown", () => {
    const g = gen();
    const list = [g];
    expect(applyStatusView(list, view(g, {}))).toBe(list);
    expect(applyStatusView(list, { ...view(g, {}), id: "gen_other" })).toBe(list);
  });
});

describe("newAssetIds", () => {
  it("lists only the images saved since the last poll", () => {
    expect(newAssetIds({ assetIds: ["a"] }, { assetIds: ["a", "b", "c"] })).toEqual(["b", "c"]);
    expect(newAssetIds(undefined, { assetIds: ["a"] })).toEqual(["a"]);
  });
});

describe("lastRetryable", () => {
  it("is the newest failed or cancelled generation not retried yet", () => {
    const failedOld = gen({ status: "failed" });
    const cancelled = gen({ status: "cancelled" });
    const ok = gen({ status: "succeeded" });
    const list = [ok, cancelled, failedOld];
    expect(lastRetryable(list)?.id).toBe(cancelled.id);
    const retry = gen({ status: "running", retryOf: cancelled.id });
    expect(lastRetryable([retry, ...list])?.id).toBe(failedOld.id);
    expect(lastRetryable([ok])).toBeUndefined();
  });

  it("offers a failed retry itself next", () => {
    const first = gen({ status: "failed" });
    const again = gen({ status: "failed", retryOf: first.id });
    expect(lastRetryable([again, first])?.id).toBe(again.id);
  });
});

describe("isActive", () => {
  it("is queued or running", () => {
    expect(
      ["queued", "running", "succeeded", "failed", "cancelled"].map((status) => isActive({ status } as Generation)),
    ).toEqual([true, true, false, false, false]);
  });
});

describe("useJobs store", () => {
  beforeEach(() => useJobs.getState().reset("prj_1"));

  it("loads, upserts and applies status", () => {
    const a = gen({ status: "running" });
    useJobs.getState().setAll([a]);
    expect(useJobs.getState().status).toBe("ready");
    useJobs
      .getState()
      .applyStatus(view(a, { status: "succeeded", phase: "done", current: 3, updatedAt: "2027-01-01T00:00:00.000Z" }));
    expect(useJobs.getState().generations[0].status).toBe("succeeded");
    const b = gen();
    useJobs.getState().upsert(b);
    expect(useJobs.getState().generations.map((g) => g.id)).toEqual([b.id, a.id]);
  });
});
