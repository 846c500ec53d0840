/**
 * The inpaint mask as vector strokes with an undo/redo history. Pure: no React, no DOM.
 *
 * - Committed strokes are immutable (frozen) data in image coordinates.
 * - One history entry per finished gesture (pointer up); `clear` is one entry.
 * - Entries are deltas that share stroke objects, so memory grows with the strokes drawn,
 *   never with bitmap snapshots (a 2048² RGBA copy would be 16 MiB a step).
 * - Undo pushes the inverse onto redo; a new content change clears redo. Tool, size and zoom are
 *   not content and never enter history. Undo/redo are ignored in the middle of a gesture.
 */

export type Tool = "brush" | "eraser";

export interface Stroke {
  readonly id: number;
  readonly tool: Tool;
  /** Diameter in image pixels. */
  readonly size: number;
  /** Flat [x0, y0, x1, y1, …] in image pixels. */
  readonly points: readonly number[];
}

/** A change of the stroke list: remove these ids, then append these strokes (in order). */
interface Delta {
  readonly remove: readonly number[];
  readonly add: readonly Stroke[];
}

interface Entry {
  readonly forward: Delta;
  readonly backward: Delta;
}

function apply(strokes: readonly Stroke[], d: Delta): readonly Stroke[] {
  const gone = new Set(d.remove);
  const kept = gone.size ? strokes.filter((s) => !gone.has(s.id)) : strokes;
  return d.add.length ? [...kept, ...d.add] : kept;
}

export interface MaskHistoryJSON {
  strokes: readonly Stroke[];
  undo: readonly Entry[];
  redo: readonly Entry[];
  nextId: number;
}

export class MaskHistory {
  private _strokes: readonly Stroke[] = [];
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private active: { tool: Tool; size: number; points: number[] } | null = null;
  private nextId = 1;
  private listeners = new Set<() => void>();
  /** Bumps on every visible change; lets a UI subscribe cheaply. */
  version = 0;

  get strokes(): readonly Stroke[] {
    return this._strokes;
  }

  /** The stroke being drawn, not yet in history. */
  get gesture(): Stroke | null {
    return this.active ? { id: 0, tool: this.active.tool, size: this.active.size, points: this.active.points } : null;
  }

  get canUndo(): boolean {
    return !this.active && this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return !this.active && this.redoStack.length > 0;
  }

  get undoDepth(): number {
    return this.undoStack.length;
  }

  get redoDepth(): number {
    return this.redoStack.length;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    this.listeners.forEach((fn) => fn());
  }

  beginStroke(tool: Tool, size: number, x: number, y: number): void {
    if (!(size > 0)) throw new Error("stroke size must be positive");
    this.active = { tool, size, points: [x, y] };
    this.changed();
  }

  extendStroke(x: number, y: number): void {
    if (!this.active) return;
    const p = this.active.points;
    // Skip sub-pixel moves: they add points, not paint.
    if (Math.abs(p[p.length - 2] - x) < 0.5 && Math.abs(p[p.length - 1] - y) < 0.5) return;
    p.push(x, y);
    this.changed();
  }

  /** Pointer up: the gesture becomes one immutable stroke and one history entry. */
  endStroke(): Stroke | null {
    const a = this.active;
    if (!a) return null;
    this.active = null;
    // An eraser on an empty mask changes nothing: no entry.
    if (a.tool === "eraser" && !this._strokes.some((s) => s.tool === "brush")) {
      this.changed();
      return null;
    }
    const stroke: Stroke = Object.freeze({
      id: this.nextId++,
      tool: a.tool,
      size: a.size,
      points: Object.freeze(a.points),
    });
    this.commit({ forward: { remove: [], add: [stroke] }, backward: { remove: [stroke.id], add: [] } });
    return stroke;
  }

  /** Drop the gesture without an entry (pointer left the canvas, Esc). */
  cancelStroke(): void {
    if (!this.active) return;
    this.active = null;
    this.changed();
  }

  /** Remove every stroke as one entry; undo brings them all back. */
  clear(): void {
    if (this.active || this._strokes.length === 0) return;
    const all = this._strokes;
    this.commit({ forward: { remove: all.map((s) => s.id), add: [] }, backward: { remove: [], add: all } });
  }

  undo(): boolean {
    if (this.active) return false;
    const e = this.undoStack.pop();
    if (!e) return false;
    this._strokes = apply(this._strokes, e.backward);
    this.redoStack.push(e);
    this.changed();
    return true;
  }

  redo(): boolean {
    if (this.active) return false;
    const e = this.redoStack.pop();
    if (!e) return false;
    this._strokes = apply(this._strokes, e.forward);
    this.undoStack.push(e);
    this.changed();
    return true;
  }

  /** Everything needed to restore the mask and its history (the editor keeps it per asset across reloads). */
  toJSON(): MaskHistoryJSON {
    return { strokes: this._strokes, undo: this.undoStack, redo: this.redoStack, nextId: this.nextId };
  }

  static restore(json: MaskHistoryJSON): MaskHistory {
    const h = new MaskHistory();
    // Re-link entries to the stroke objects by id, so restored history shares strokes as the original did.
    const byId = new Map<number, Stroke>();
    const intern = (s: Stroke) =>
      byId.get(s.id) ??
      (byId.set(s.id, Object.freeze({ ...s, points: Object.freeze([...s.points]) })), byId.get(s.id)!);
    const delta = (d: Delta): Delta => ({ remove: [...d.remove], add: d.add.map(intern) });
    h._strokes = json.strokes.map(intern);
    h.undoStack = json.undo.map((e) => ({ forward: delta(e.forward), backward: delta(e.backward) }));
    h.redoStack = json.redo.map((e) => ({ forward: delta(e.forward), backward: delta(e.backward) }));
    h.nextId = json.nextId;
    return h;
  }

  private commit(e: Entry): void {
    this._strokes = apply(this._strokes, e.forward);
    this.undoStack.push(e);
    this.redoStack = [];
    this.changed();
  }
}
