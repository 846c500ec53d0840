/** What the editor sessions need of the history classes: restore survives garbage; the merge steps lose nothing. */
import { describe, expect, it } from "vitest";
import { CutoutHistory, MaskHistory, nestsDeeperThan, sameStrokes } from "@/lib/canvas";

function stroke(h: MaskHistory, points: number[], tool: "brush" | "eraser" = "brush") {
  h.beginStroke(tool, 10, points[0], points[1]);
  for (let i = 2; i < points.length; i += 2) h.extendStroke(points[i], points[i + 1]);
  return h.endStroke();
}

describe("MaskHistory.restore", () => {
  it("throws on anything that is not a mask history (callers start empty)", () => {
    const good = new MaskHistory();
    stroke(good, [0, 0, 10, 10]);
    const json = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    const garbage: unknown[] = [
      null,
      42,
      "strokes",
      [],
      {},
      { ...json, strokes: "abc" },
      { ...json, strokes: [{ id: 1, tool: "brush", size: 5, points: "abc" }] },
      { ...json, strokes: [{ id: 1, tool: "pen", size: 5, points: [0, 0] }] },
      { ...json, strokes: [{ id: 1, tool: "brush", size: -1, points: [0, 0] }] },
      { ...json, strokes: [{ id: 1, tool: "brush", size: 5, points: [0, 0, 1] }] },
      { ...json, strokes: [{ id: 1, tool: "brush", size: 5, points: [0, null] }] },
      { ...json, strokes: [{ id: "1", tool: "brush", size: 5, points: [0, 0] }] },
      { ...json, undo: [{ forward: {}, backward: {} }] },
      { ...json, undo: [{ forward: { remove: ["x"], add: [] }, backward: { remove: [], add: [] } }] },
      { ...json, redo: null },
      { ...json, nextId: "2" },
    ];
    for (const g of garbage) expect(() => MaskHistory.restore(g), JSON.stringify(g)).toThrow(/not a mask history/);
    expect(MaskHistory.restore(json).strokes).toHaveLength(1);
  });

  it("never hands out an id in use, whatever nextId says, and drops unknown fields", () => {
    const json = {
      strokes: [{ id: 7, tool: "brush", size: 5, points: [0, 0], extra: "x".repeat(10) }],
      undo: [],
      redo: [],
      nextId: 1,
    };
    const h = MaskHistory.restore(json);
    expect(Object.keys(h.strokes[0]).sort()).toEqual(["id", "points", "size", "tool"]);
    expect(stroke(h, [1, 1, 2, 2])!.id).toBe(8);
  });

  it("keeps another copy's strokes one Undo away, and Redo comes back", () => {
    const theirs = new MaskHistory();
    stroke(theirs, [0, 0, 10, 0]);
    stroke(theirs, [0, 5, 10, 5]);
    const mine = new MaskHistory();
    stroke(mine, [50, 50, 60, 60]);
    const shown = theirs.strokes;
    theirs.keepAsUndo(mine.strokes);
    expect(theirs.strokes).toBe(shown);
    expect([theirs.undoDepth, theirs.redoDepth]).toEqual([3, 0]);
    theirs.undo();
    expect(sameStrokes(theirs.strokes, mine.strokes)).toBe(true);
    theirs.redo();
    expect(sameStrokes(theirs.strokes, shown)).toBe(true);
    // Ids stay unique: a new stroke shares none with either copy's.
    const next = stroke(theirs, [1, 1, 2, 2])!;
    expect(new Set([...theirs.strokes.map((s) => s.id)]).size).toBe(theirs.strokes.length);
    expect(next.id).toBeGreaterThan(Math.max(...mine.strokes.map((s) => s.id)));
  });

  it("replaces in place: subscribers are told, a gesture in progress is dropped", () => {
    const h = new MaskHistory();
    let calls = 0;
    h.subscribe(() => calls++);
    h.beginStroke("brush", 5, 0, 0);
    const other = new MaskHistory();
    stroke(other, [1, 1, 2, 2]);
    h.replaceWith(other);
    expect(h.gesture).toBeNull();
    expect(h.strokes).toHaveLength(1);
    expect(h.canUndo).toBe(true);
    expect(calls).toBe(2);
    h.undo();
    expect(other.strokes).toHaveLength(1); // the source is not shared
  });
});

describe("CutoutHistory.restore", () => {
  const sample = () => {
    const h = new CutoutHistory({ tolerance: 20 });
    h.succeed(h.startRun("local", "2026-12-01T10:00:00.000Z"), "ast_a");
    return JSON.parse(JSON.stringify(h)) as Record<string, unknown>;
  };

  it("throws on anything that is not a cutout session", () => {
    const json = sample();
    const garbage: unknown[] = [
      null,
      [],
      {},
      { ...json, params: { tolerance: { x: 1 } } },
      { ...json, undo: "x" },
      { ...json, runs: [{ id: 1 }] },
      { ...json, runs: [{ ...(json.runs as object[])[0], mode: "cloud" }] },
      { ...json, runs: [{ ...(json.runs as object[])[0], status: "done" }] },
      { ...json, runs: [{ ...(json.runs as object[])[0], at: 5 }] },
      { ...json, shownRunId: "1" },
    ];
    for (const g of garbage) expect(() => CutoutHistory.restore(g), JSON.stringify(g)).toThrow(/not a cutout session/);
    expect(CutoutHistory.restore(json).shown?.resultAssetId).toBe("ast_a");
  });

  it("reads a run still marked running as interrupted (it ran elsewhere)", () => {
    const json = sample();
    const runs = json.runs as Record<string, unknown>[];
    runs.push({ ...runs[0], id: 2, status: "running", resultAssetId: null, at: "2026-12-01T10:01:00.000Z" });
    expect(CutoutHistory.restore(json).runs[1]).toMatchObject({ status: "failed", error: "interrupted" });
  });

  it("adopts the runs it does not have, after its own, with new ids; none twice", () => {
    const theirs = CutoutHistory.restore(sample());
    const mine = CutoutHistory.restore(sample());
    mine.succeed(mine.startRun("ai", "2026-12-01T10:05:00.000Z"), "ast_b");
    theirs.succeed(theirs.startRun("local", "2026-12-01T10:03:00.000Z"), "ast_c");
    expect(theirs.adoptRuns(mine.toJSON().runs)).toBe(1);
    expect(theirs.runs.map((r) => [r.id, r.resultAssetId])).toEqual([
      [1, "ast_a"],
      [2, "ast_c"],
      [3, "ast_b"],
    ]);
    expect(theirs.adoptRuns(mine.toJSON().runs)).toBe(0);
  });
});

describe("nestsDeeperThan", () => {
  it("measures nesting without recursion", () => {
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 3)).toBe(true);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    expect(nestsDeeperThan("x", 0)).toBe(false);
  });
});
