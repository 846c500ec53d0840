import { create } from "zustand";

/**
 * Grid selection, file-manager style: click selects one, Ctrl/Cmd-click toggles, Shift-click selects
 * the range from the anchor (the last plain or toggled click) in the grid's current order.
 * The reducers are pure so the rules are unit-tested without a DOM.
 */

export interface Selection {
  selected: ReadonlySet<string>;
  anchor: string | null;
}

export interface ClickModifiers {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle: boolean;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null };

function rangeSelection(s: Selection, order: readonly string[], id: string, keep: boolean): Selection | null {
  const from = s.anchor ? order.indexOf(s.anchor) : -1;
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return null;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const next = keep ? new Set(s.selected) : new Set<string>();
  for (const x of order.slice(lo, hi + 1)) next.add(x);
  return { selected: next, anchor: s.anchor };
}

export function clickSelection(s: Selection, order: readonly string[], id: string, mods: ClickModifiers): Selection {
  if (mods.shift) {
    const ranged = rangeSelection(s, order, id, mods.toggle);
    if (ranged) return ranged;
  }
  if (mods.toggle) {
    const next = new Set(s.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: id };
  }
  // A plain click on the only selected item clears it: the grid needs no separate "deselect".
  if (s.selected.size === 1 && s.selected.has(id)) return EMPTY_SELECTION;
  return { selected: new Set([id]), anchor: id };
}

export function selectAllOf(order: readonly string[]): Selection {
  return { selected: new Set(order), anchor: order[0] ?? null };
}

/** Drop ids that left the grid (deleted, filtered out); same object when nothing changed. */
export function pruneSelection(s: Selection, present: readonly string[]): Selection {
  if (s.selected.size === 0) return s;
  const keep = new Set(present);
  const next = new Set([...s.selected].filter((id) => keep.has(id)));
  if (next.size === s.selected.size) return s;
  return { selected: next, anchor: s.anchor && keep.has(s.anchor) ? s.anchor : null };
}

/** Selected ids in grid order (exports keep the order the user sees). */
export function orderedSelection(s: Selection, order: readonly string[]): string[] {
  return order.filter((id) => s.selected.has(id));
}

interface SelectionStore extends Selection {
  click: (order: readonly string[], id: string, mods: ClickModifiers) => void;
  selectAll: (order: readonly string[]) => void;
  prune: (present: readonly string[]) => void;
  clear: () => void;
}

export const useSelection = create<SelectionStore>((set, get) => ({
  ...EMPTY_SELECTION,
  click: (order, id, mods) => set(clickSelection(get(), order, id, mods)),
  selectAll: (order) => set(selectAllOf(order)),
  prune: (present) => {
    const next = pruneSelection(get(), present);
    if (next !== get()) set(next);
  },
  clear: () => set(EMPTY_SELECTION),
}));
