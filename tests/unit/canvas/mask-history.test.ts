import { describe, expect, it } from "vitest";
import { MaskHistory } from "@/lib/canvas";

function stroke(h: MaskHistory, tool: "brush" | "eraser", pts: number[], size = 10) {
  h.beginStroke(tool, size, pts[0], pts[1]);
  for (let i = 2; i < pts.length; i += 2) h.extendStroke(pts[i], pts[i + 1]);
  return h.endStroke();
}

describe("MaskHistory", () => {
  it("makes one entry per finished gesture, however many points it has", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 5, 5, 10, 10, 20, 20]);
    expect(h.strokes).toHaveLength(1);
    expect(h.strokes[0].points).toEqual([0, 0, 5, 5, 10, 10, 20, 20]);
    expect(h.undoDepth).toBe(1);
  });

  it("undoes and redoes strokes and erases step by step", () => {
    const h = new MaskHistory();
    const a = stroke(h, "brush", [0, 0, 10, 0])!;
    const b = stroke(h, "brush", [0, 10, 10, 10])!;
    const e = stroke(h, "eraser", [5, 0, 5, 10])!;
    expect(h.strokes.map((s) => s.id)).toEqual([a.id, b.id, e.id]);
    expect(h.undo()).toBe(true);
    expect(h.strokes.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(h.undo()).toBe(true);
    expect(h.strokes.map((s) => s.id)).toEqual([a.id]);
    expect(h.redo()).toBe(true);
    expect(h.strokes.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(h.redo()).toBe(true);
    expect(h.strokes.map((s) => s.id)).toEqual([a.id, b.id, e.id]);
    expect(h.redo()).toBe(false);
  });

  it("clears in one entry and brings everything back on undo", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 10, 0]);
    stroke(h, "brush", [0, 10, 10, 10]);
    const before = h.strokes;
    h.clear();
    expect(h.strokes).toEqual([]);
    expect(h.undoDepth).toBe(3);
    h.undo();
    expect(h.strokes).toEqual(before);
    h.clear();
    h.clear(); // nothing left: no second entry
    expect(h.undoDepth).toBe(3);
  });

  it("clears redo after a new stroke", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 10, 0]);
    stroke(h, "brush", [0, 5, 10, 5]);
    h.undo();
    expect(h.canRedo).toBe(true);
    stroke(h, "brush", [0, 9, 10, 9]);
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBe(false);
  });

  it("keeps committed strokes immutable", () => {
    const h = new MaskHistory();
    const s = stroke(h, "brush", [0, 0, 10, 0])!;
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.points)).toBe(true);
    expect(() => (s.points as number[]).push(1, 2)).toThrow();
  });

  it("ignores undo and redo in the middle of a gesture", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 10, 0]);
    h.beginStroke("brush", 10, 3, 3);
    h.extendStroke(6, 6);
    expect(h.undo()).toBe(false);
    expect(h.strokes).toHaveLength(1);
    expect(h.canUndo).toBe(false);
    h.endStroke();
    expect(h.undoDepth).toBe(2);
  });

  it("records no entry for size or tool changes (they are not history) nor for a cancelled gesture", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 10, 0], 10);
    stroke(h, "brush", [0, 0, 10, 0], 40); // a different size is just another stroke's property
    expect(h.undoDepth).toBe(2);
    h.beginStroke("brush", 5, 1, 1);
    h.cancelStroke();
    expect(h.undoDepth).toBe(2);
    expect(h.gesture).toBeNull();
  });

  it("does not record an eraser on an empty mask", () => {
    const h = new MaskHistory();
    expect(stroke(h, "eraser", [0, 0, 10, 10])).toBeNull();
    expect(h.undoDepth).toBe(0);
  });

  it("runs the full designer sequence: two strokes, erase, undo, redo, clear, undo the clear", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [10, 10, 50, 10]);
    stroke(h, "brush", [10, 30, 50, 30]);
    stroke(h, "eraser", [30, 0, 30, 40]);
    h.undo();
    expect(h.strokes.map((s) => s.tool)).toEqual(["brush", "brush"]);
    h.redo();
    expect(h.strokes.map((s) => s.tool)).toEqual(["brush", "brush", "eraser"]);
    h.clear();
    expect(h.strokes).toHaveLength(0);
    h.undo();
    expect(h.strokes.map((s) => s.tool)).toEqual(["brush", "brush", "eraser"]);
  });

  it("notifies subscribers on change", () => {
    const h = new MaskHistory();
    let calls = 0;
    const off = h.subscribe(() => calls++);
    stroke(h, "brush", [0, 0, 5, 5]);
    off();
    h.undo();
    expect(calls).toBe(3); // begin, extend, end
  });
});

describe("MaskHistory persistence", () => {
  it("restores strokes and both stacks from JSON", () => {
    const h = new MaskHistory();
    stroke(h, "brush", [0, 0, 10, 0]);
    stroke(h, "brush", [0, 5, 10, 5]);
    h.clear();
    h.undo();
    h.undo();
    const r = MaskHistory.restore(JSON.parse(JSON.stringify(h)));
    expect(r.strokes.map((s) => s.points)).toEqual(h.strokes.map((s) => s.points));
    expect([r.undoDepth, r.redoDepth]).toEqual([1, 2]);
    r.redo();
    r.redo();
    expect(r.strokes).toHaveLength(0);
    r.undo();
    expect(r.strokes).toHaveLength(2);
    const next = stroke(r, "brush", [1, 1, 2, 2])!;
    expect(r.strokes.filter((s) => s.id === next.id)).toHaveLength(1);
  });
});
