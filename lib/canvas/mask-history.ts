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

  /**
   * A history from `toJSON()`'s output. What arrives here may come from another browser through the server, or
   * from a corrupt local copy: anything not of that shape throws (callers start empty or keep what they have).
   */
  static restore(value: unknown): MaskHistory {
    const json = checkJSON(value);
    const h = new MaskHistory();
    // Re-link entries to the stroke objects by id, so restored history shares strokes as the original did.
    const byId = new Map<number, Stroke>();
    const intern = (s: Stroke) =>
      byId.get(s.id) ??
      (byId.set(s.id, Object.freeze({ id: s.id, tool: s.tool, size: s.size, points: Object.freeze([...s.points]) })),
      byId.get(s.id)!);
    const delta = (d: Delta): Delta => ({ remove: [...d.remove], add: d.add.map(intern) });
    h._strokes = json.strokes.map(intern);
    h.undoStack = json.undo.map((e) => ({ forward: delta(e.forward), backward: delta(e.backward) }));
    h.redoStack = json.redo.map((e) => ({ forward: delta(e.forward), backward: delta(e.backward) }));
    // Never below an id in use: a new stroke must not share one with a restored stroke.
    h.nextId = json.nextId;
    for (const id of byId.keys()) if (id >= h.nextId) h.nextId = id + 1;
    return h;
  }

  /** Take `other`'s strokes and history in place (subscribers stay); a gesture in progress is dropped. */
  replaceWith(other: MaskHistory): void {
    this._strokes = other._strokes;
    this.undoStack = [...other.undoStack];
    this.redoStack = [...other.redoStack];
    this.nextId = other.nextId;
    this.active = null;
    this.changed();
  }

  /**
   * Keep `strokes` (another copy of this mask, e.g. this browser's unsaved one when a newer one came from the
   * server) one Undo away: the shown strokes stay, and Undo shows those instead (Redo comes back). Redo is cleared
   * as by any new entry.
   */
  keepAsUndo(strokes: readonly Stroke[]): void {
    const kept = strokes.map((s) => Object.freeze({ ...s, id: this.nextId++, points: Object.freeze([...s.points]) }));
    const shown = this._strokes;
    this.undoStack.push({
      forward: { remove: kept.map((s) => s.id), add: shown },
      backward: { remove: shown.map((s) => s.id), add: kept },
    });
    this.redoStack = [];
    this.changed();
  }

  private commit(e: Entry): void {
    this._strokes = apply(this._strokes, e.forward);
    this.undoStack.push(e);
    this.redoStack = [];
    this.changed();
  }
}

/** Equal stroke lists: the same tools, sizes and points in the same order (ids aside). */
export function sameStrokes(a: readonly Stroke[], b: readonly Stroke[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (s, i) =>
        s.tool === b[i].tool &&
        s.size === b[i].size &&
        s.points.length === b[i].points.length &&
        s.points.every((p, j) => p === b[i].points[j]),
    )
  );
}

const fail = (what: string): never => {
  throw new Error(`not a mask history: ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

function checkStroke(v: unknown): Stroke {
  if (!isObject(v) || !isId(v.id)) return fail("stroke id");
  if (v.tool !== "brush" && v.tool !== "eraser") return fail("stroke tool");
  if (typeof v.size !== "number" || !(v.size > 0) || !Number.isFinite(v.size)) return fail("stroke size");
  const pts = v.points;
  if (!Array.isArray(pts) || pts.length < 2 || pts.length % 2 !== 0) return fail("stroke points");
  for (const p of pts) if (typeof p !== "number" || !Number.isFinite(p)) fail("stroke point");
  return v as unknown as Stroke;
}

function checkDelta(v: unknown): Delta {
  if (!isObject(v) || !Array.isArray(v.remove) || !Array.isArray(v.add)) return fail("entry");
  if (!v.remove.every(isId)) fail("entry ids");
  v.add.forEach(checkStroke);
  return v as unknown as Delta;
}

function checkEntries(v: unknown): Entry[] {
  if (!Array.isArray(v)) return fail("stack");
  for (const e of v) {
    if (!isObject(e)) fail("entry");
    checkDelta(e.forward);
    checkDelta(e.backward);
  }
  return v as Entry[];
}

function checkJSON(v: unknown): MaskHistoryJSON {
  if (!isObject(v) || !Array.isArray(v.strokes)) return fail("strokes");
  v.strokes.forEach(checkStroke);
  checkEntries(v.undo);
  checkEntries(v.redo);
  if (!isId(v.nextId)) fail("nextId");
  return v as unknown as MaskHistoryJSON;
}
