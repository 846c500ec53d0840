import { describe, expect, it } from "vitest";
import { CutoutHistory } from "@/lib/canvas";

describe("CutoutHistory", () => {
  it("undoes and redoes parameter changes, skipping no-op changes", () => {
    const h = new CutoutHistory({ tolerance: 20, feather: 2 });
    h.setParams({ tolerance: 30, feather: 2 });
    h.setParams({ tolerance: 30, feather: 2 });
    h.setParams({ tolerance: 30, feather: 5 });
    expect(h.undo()).toBe(true);
    expect(h.params).toEqual({ tolerance: 30, feather: 2 });
    expect(h.undo()).toBe(true);
    expect(h.params).toEqual({ tolerance: 20, feather: 2 });
    expect(h.undo()).toBe(false);
    h.redo();
    expect(h.params.tolerance).toBe(30);
    h.setParams({ tolerance: 40, feather: 2 });
    expect(h.canRedo).toBe(false);
  });

  it("never lets a failed run replace the last good result, and reverts to it", () => {
    const h = new CutoutHistory({ tolerance: 20 });
    const r1 = h.startRun("local");
    h.succeed(r1, "ast_a");
    h.setParams({ tolerance: 35 });
    const r2 = h.startRun("local");
    h.succeed(r2, "ast_b");
    expect(h.shown?.resultAssetId).toBe("ast_b");
    h.setParams({ tolerance: 90 });
    const r3 = h.startRun("ai");
    h.fail(r3, "upstream_unavailable");
    expect(h.runs).toHaveLength(3);
    expect(h.runs[2]).toMatchObject({ status: "failed", error: "upstream_unavailable", params: { tolerance: 90 } });
    expect(h.shown?.resultAssetId).toBe("ast_b");
    h.show(r1);
    expect(h.shown?.resultAssetId).toBe("ast_a");
    const good = h.revertToLastSuccessful();
    expect(good?.id).toBe(r2);
    expect(h.shown?.resultAssetId).toBe("ast_b");
    expect(h.params).toEqual({ tolerance: 35 });
    h.undo(); // the revert is one param step
    expect(h.params).toEqual({ tolerance: 90 });
  });

  it("serializes, recording unfinished runs as interrupted", () => {
    const h = new CutoutHistory({ tolerance: 20 });
    h.succeed(h.startRun("local"), "ast_a");
    h.startRun("ai");
    const restored = new CutoutHistory(h.toJSON());
    expect(restored.runs.map((r) => r.status)).toEqual(["succeeded", "failed"]);
    expect(restored.shown?.resultAssetId).toBe("ast_a");
  });

  it("forgets a deleted result", () => {
    const h = new CutoutHistory({});
    h.succeed(h.startRun("local"), "ast_a");
    h.forgetAsset("ast_a");
    expect(h.shown).toBeNull();
  });
});
