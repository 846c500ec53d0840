/**
 * Cutout session state: parameter changes with undo/redo, and a snapshot of every run
 * {params, result, success/failure}. Pure, serializable (the editor persists it per asset).
 *
 * Failed runs stay in the list but never replace the shown result: what the designer sees is the
 * newest successful run, or the one they picked, until a newer success arrives.
 */

export type CutoutParams = Record<string, string | number | boolean>;

export interface CutoutSnapshot {
  readonly id: number;
  readonly params: CutoutParams;
  readonly mode: "local" | "ai";
  readonly status: "running" | "succeeded" | "failed";
  readonly resultAssetId: string | null;
  readonly error: string | null;
  readonly at: string;
}

export interface CutoutHistoryState {
  params: CutoutParams;
  undo: CutoutParams[];
  redo: CutoutParams[];
  runs: CutoutSnapshot[];
  shownRunId: number | null;
}

const MAX_PARAM_STEPS = 200;

export class CutoutHistory {
  private s: CutoutHistoryState;

  constructor(initial: CutoutParams | CutoutHistoryState) {
    this.s =
      "runs" in initial && Array.isArray(initial.runs)
        ? structuredClone(initial as CutoutHistoryState)
        : { params: { ...(initial as CutoutParams) }, undo: [], redo: [], runs: [], shownRunId: null };
  }

  get params(): CutoutParams {
    return this.s.params;
  }
  get runs(): readonly CutoutSnapshot[] {
    return this.s.runs;
  }
  get canUndo(): boolean {
    return this.s.undo.length > 0;
  }
  get canRedo(): boolean {
    return this.s.redo.length > 0;
  }

  /** The run whose result is shown: the picked one, else the newest success. Never a failure. */
  get shown(): CutoutSnapshot | null {
    const picked = this.s.runs.find((r) => r.id === this.s.shownRunId && r.status === "succeeded");
    return picked ?? this.lastSuccessful;
  }

  get lastSuccessful(): CutoutSnapshot | null {
    for (let i = this.s.runs.length - 1; i >= 0; i--) if (this.s.runs[i].status === "succeeded") return this.s.runs[i];
    return null;
  }

  /** A finished parameter edit (slider released, option picked) is one undo step; an equal value is none. */
  setParams(next: CutoutParams): void {
    if (sameParams(next, this.s.params)) return;
    this.s.undo = [...this.s.undo, this.s.params].slice(-MAX_PARAM_STEPS);
    this.s.redo = [];
    this.s.params = { ...next };
  }

  undo(): boolean {
    const prev = this.s.undo.at(-1);
    if (!prev) return false;
    this.s.undo = this.s.undo.slice(0, -1);
    this.s.redo = [...this.s.redo, this.s.params];
    this.s.params = prev;
    return true;
  }

  redo(): boolean {
    const next = this.s.redo.at(-1);
    if (!next) return false;
    this.s.redo = this.s.redo.slice(0, -1);
    this.s.undo = [...this.s.undo, this.s.params];
    this.s.params = next;
    return true;
  }

  startRun(mode: "local" | "ai", now = new Date().toISOString()): number {
    const id = (this.s.runs.at(-1)?.id ?? 0) + 1;
    this.s.runs = [
      ...this.s.runs,
      { id, mode, params: { ...this.s.params }, status: "running", resultAssetId: null, error: null, at: now },
    ];
    return id;
  }

  /** A success becomes the shown result. */
  succeed(runId: number, resultAssetId: string): void {
    this.update(runId, { status: "succeeded", resultAssetId, error: null });
    this.s.shownRunId = runId;
  }

  /** A failure is recorded and shown in the list; the shown result stays the last good one. */
  fail(runId: number, error: string): void {
    this.update(runId, { status: "failed", error });
  }

  /** Show the last successful result again and restore the params that made it (one undo step). */
  revertToLastSuccessful(): CutoutSnapshot | null {
    const good = this.lastSuccessful;
    if (!good) return null;
    this.s.shownRunId = good.id;
    this.setParams(good.params);
    return good;
  }

  /** Show a successful run's result (from the history list). */
  show(runId: number): void {
    if (this.s.runs.some((r) => r.id === runId && r.status === "succeeded")) this.s.shownRunId = runId;
  }

  /** A result asset was deleted: its runs keep their params but lose the result. */
  forgetAsset(assetId: string): void {
    this.s.runs = this.s.runs.map((r) =>
      r.resultAssetId === assetId ? { ...r, status: "failed", resultAssetId: null, error: "result deleted" } : r,
    );
  }

  /**
   * A session from `toJSON()`'s output. It may come from another browser through the server, or from a corrupt
   * local copy: anything not of that shape throws (callers start fresh or keep what they have).
   */
  static restore(value: unknown): CutoutHistory {
    const h = new CutoutHistory(checkState(value));
    // A run cannot be running in a copy that was just read: it ran (or died) elsewhere.
    h.s.runs = h.s.runs.map((r) => (r.status === "running" ? { ...r, status: "failed", error: "interrupted" } : r));
    return h;
  }

  /** Take `other`'s session in place. */
  replaceWith(other: CutoutHistory): void {
    this.s = structuredClone(other.s);
  }

  /**
   * Add the runs among `runs` this session does not have (the same start time and method), after its own, with
   * new ids: merging another copy's runs loses none of them and duplicates none. Answers how many were added.
   */
  adoptRuns(runs: readonly CutoutSnapshot[]): number {
    const known = new Set(this.s.runs.map(runKey));
    let id = this.s.runs.at(-1)?.id ?? 0;
    const added = runs.filter((r) => !known.has(runKey(r))).map((r) => ({ ...r, id: ++id }));
    if (added.length) this.s.runs = [...this.s.runs, ...added];
    return added.length;
  }

  toJSON(): CutoutHistoryState {
    // A run still "running" when the page closes cannot resume in this tab: record it as interrupted.
    return structuredClone({
      ...this.s,
      runs: this.s.runs.map((r) =>
        r.status === "running" ? { ...r, status: "failed" as const, error: "interrupted" } : r,
      ),
    });
  }

  private update(runId: number, patch: Partial<CutoutSnapshot>): void {
    this.s.runs = this.s.runs.map((r) => (r.id === runId ? { ...r, ...patch } : r));
  }
}

function sameParams(a: CutoutParams, b: CutoutParams): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

const runKey = (r: CutoutSnapshot) => `${r.at}\u0000${r.mode}`;

const bad = (what: string): never => {
  throw new Error(`not a cutout session: ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isParams = (v: unknown): v is CutoutParams =>
  isObject(v) && Object.values(v).every((x) => ["string", "number", "boolean"].includes(typeof x));
const isTextOrNull = (v: unknown) => v === null || typeof v === "string";

function checkState(v: unknown): CutoutHistoryState {
  if (!isObject(v) || !isParams(v.params)) return bad("params");
  if (!Array.isArray(v.undo) || !v.undo.every(isParams)) bad("undo");
  if (!Array.isArray(v.redo) || !v.redo.every(isParams)) bad("redo");
  if (!Array.isArray(v.runs)) return bad("runs");
  for (const r of v.runs as unknown[]) {
    if (!isObject(r) || !Number.isSafeInteger(r.id) || !isParams(r.params)) bad("run");
    const run = r as Record<string, unknown>;
    if (run.mode !== "local" && run.mode !== "ai") bad("run mode");
    if (!["running", "succeeded", "failed"].includes(run.status as string)) bad("run status");
    if (!isTextOrNull(run.resultAssetId) || !isTextOrNull(run.error) || typeof run.at !== "string") bad("run fields");
  }
  if (v.shownRunId !== null && !Number.isSafeInteger(v.shownRunId)) bad("shownRunId");
  return v as unknown as CutoutHistoryState;
}
