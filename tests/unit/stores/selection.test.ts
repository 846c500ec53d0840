import { beforeEach, describe, expect, it } from "vitest";
import {
  clickSelection,
  EMPTY_SELECTION,
  orderedSelection,
  pruneSelection,
  selectAllOf,
  useSelection,
  type Selection,
} from "@/lib/stores/selection";

const ORDER = ["a", "b", "c", "d", "e", "f"];
const plain = { shift: false, toggle: false };
const shift = { shift: true, toggle: false };
const toggle = { shift: false, toggle: true };
const ids = (s: Selection) => [...s.selected].sort();

describe("clickSelection", () => {
  it("selects only the clicked item on a plain click and makes it the anchor", () => {
    const s = clickSelection({ selected: new Set(["a", "b"]), anchor: "a" }, ORDER, "d", plain);
    expect(ids(s)).toEqual(["d"]);
    expect(s.anchor).toBe("d");
  });

  it("clears when the only selected item is clicked again", () => {
    const s = clickSelection(clickSelection(EMPTY_SELECTION, ORDER, "c", plain), ORDER, "c", plain);
    expect(s.selected.size).toBe(0);
    expect(s.anchor).toBeNull();
  });

  it("toggles one item with Ctrl/Cmd and keeps the rest", () => {
    let s = clickSelection(EMPTY_SELECTION, ORDER, "b", plain);
    s = clickSelection(s, ORDER, "e", toggle);
    expect(ids(s)).toEqual(["b", "e"]);
    s = clickSelection(s, ORDER, "b", toggle);
    expect(ids(s)).toEqual(["e"]);
    expect(s.anchor).toBe("b");
  });

  it("selects the range from the anchor with Shift, in either direction", () => {
    const down = clickSelection(clickSelection(EMPTY_SELECTION, ORDER, "b", plain), ORDER, "e", shift);
    expect(ids(down)).toEqual(["b", "c", "d", "e"]);
    const up = clickSelection(clickSelection(EMPTY_SELECTION, ORDER, "e", plain), ORDER, "b", shift);
    expect(ids(up)).toEqual(["b", "c", "d", "e"]);
  });

  it("keeps the anchor across Shift-clicks, so a second range replaces the first", () => {
    let s = clickSelection(EMPTY_SELECTION, ORDER, "c", plain);
    s = clickSelection(s, ORDER, "f", shift);
    s = clickSelection(s, ORDER, "a", shift);
    expect(ids(s)).toEqual(["a", "b", "c"]);
    expect(s.anchor).toBe("c");
  });

  it("adds the range to the selection with Ctrl/Cmd+Shift", () => {
    let s = clickSelection(EMPTY_SELECTION, ORDER, "a", plain);
    s = clickSelection(s, ORDER, "d", toggle);
    s = clickSelection(s, ORDER, "f", { shift: true, toggle: true });
    expect(ids(s)).toEqual(["a", "d", "e", "f"]);
  });

  it("treats Shift without an anchor (or with a vanished one) as a plain click", () => {
    expect(ids(clickSelection(EMPTY_SELECTION, ORDER, "c", shift))).toEqual(["c"]);
    expect(ids(clickSelection({ selected: new Set(["zz"]), anchor: "zz" }, ORDER, "c", shift))).toEqual(["c"]);
  });
});

describe("selectAllOf / pruneSelection / orderedSelection", () => {
  it("selects every id", () => {
    expect(ids(selectAllOf(ORDER))).toEqual(ORDER);
    expect(selectAllOf([]).anchor).toBeNull();
  });

  it("drops ids that left the grid and the anchor with them", () => {
    const s = pruneSelection({ selected: new Set(["a", "c", "x"]), anchor: "x" }, ORDER);
    expect(ids(s)).toEqual(["a", "c"]);
    expect(s.anchor).toBeNull();
  });

  it("returns the same object when nothing left", () => {
    const s: Selection = { selected: new Set(["a"]), anchor: "a" };
    expect(pruneSelection(s, ORDER)).toBe(s);
  });

  it("lists the selection in grid order", () => {
    expect(orderedSelection({ selected: new Set(["e", "a", "c"]), anchor: "e" }, ORDER)).toEqual(["a", "c", "e"]);
  });
});

describe("useSelection store", () => {
  beforeEach(() => useSelection.getState().clear());

  it("runs the reducers and clears", () => {
    const st = useSelection.getState();
    st.click(ORDER, "b", plain);
    useSelection.getState().click(ORDER, "d", shift);
    expect(ids(useSelection.getState())).toEqual(["b", "c", "d"]);
    useSelection.getState().prune(["b", "d"]);
    expect(ids(useSelection.getState())).toEqual(["b", "d"]);
    useSelection.getState().clear();
    expect(useSelection.getState().selected.size).toBe(0);
  });
});
