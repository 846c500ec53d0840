import { create } from "zustand";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";

/**
 * The project's generations as the server last described them, newest first. The server is the
 * source of truth (jobs survive a reload): the list is loaded on open and active jobs are polled.
 */

export const isActive = (g: Pick<Generation, "status">): boolean => g.status === "queued" || g.status === "running";
export const isRetryable = (g: Pick<Generation, "status">): boolean =>
  g.status === "failed" || g.status === "cancelled";

const newestFirst = (a: Generation, b: Generation) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/**
 * Insert or replace by id, keeping newest-first order — unless what is held is newer (`updatedAt`): a POST's
 * answer can arrive after the event stream has already shown the job running or even finished.
 */
export function upsertGeneration(list: readonly Generation[], g: Generation): Generation[] {
  const held = list.find((x) => x.id === g.id);
  if (held && held.updatedAt > g.updatedAt) return list as Generation[];
  return [...list.filter((x) => x.id !== g.id), g].sort(newestFirst);
}

/**
 * Merge a polled status into the list. A view older than what we hold is ignored, so a slow poll
 * answer cannot roll a finished job back to running. Same array when nothing changed.
 */
export function applyStatusView(list: readonly Generation[], view: GenerationStatusView): readonly Generation[] {
  const i = list.findIndex((g) => g.id === view.id);
  if (i < 0) return list;
  const old = list[i];
  if (view.updatedAt < old.updatedAt) return list;
  const same =
    old.status === view.status &&
    old.phase === view.phase &&
    old.current === view.current &&
    old.assetIds.length === view.assetIds.length &&
    old.previews.length === view.previews.length &&
    old.updatedAt === view.updatedAt;
  if (same) return list;
  const next = [...list];
  next[i] = { ...old, ...view };
  return next;
}

/** Ids in `view` that `before` did not have yet: images saved since the last poll. */
export function newAssetIds(
  before: Pick<Generation, "assetIds"> | undefined,
  view: Pick<Generation, "assetIds">,
): string[] {
  const known = new Set(before?.assetIds ?? []);
  return view.assetIds.filter((id) => !known.has(id));
}

/** `loaded` (a fresh list) with what `held` knows newer (by `updatedAt`) or beyond it, newest first. */
export function mergeNewer(held: readonly Generation[], loaded: readonly Generation[]): Generation[] {
  const byId = new Map(loaded.map((g) => [g.id, g]));
  for (const g of held) {
    const l = byId.get(g.id);
    if (!l || g.updatedAt > l.updatedAt) byId.set(g.id, g);
  }
  return [...byId.values()].sort(newestFirst);
}

/** The newest failed or cancelled generation that has not been retried yet. */
export function lastRetryable(list: readonly Generation[]): Generation | undefined {
  const retried = new Set(list.flatMap((g) => (g.retryOf ? [g.retryOf] : [])));
  return list.find((g) => isRetryable(g) && !retried.has(g.id));
}

interface JobsStore {
  projectId: string | null;
  generations: readonly Generation[];
  status: "idle" | "loading" | "ready" | "error";
  reset: (projectId: string) => void;
  setStatus: (status: JobsStore["status"]) => void;
  setAll: (list: Generation[]) => void;
  upsert: (g: Generation) => void;
  applyStatus: (view: GenerationStatusView) => void;
}

export const useJobs = create<JobsStore>((set, get) => ({
  projectId: null,
  generations: [],
  status: "idle",
  reset: (projectId) => set({ projectId, generations: [], status: "idle" }),
  setStatus: (status) => set({ status }),
  // Merged by id, the newer state winning: an event that arrived while the list was loading is kept.
  setAll: (list) => set({ generations: mergeNewer(get().generations, list), status: "ready" }),
  upsert: (g) => set({ generations: upsertGeneration(get().generations, g) }),
  applyStatus: (view) => {
    const next = applyStatusView(get().generations, view);
    if (next !== get().generations) set({ generations: next });
  },
}));

/** Jobs by state for the strip's summary and filters. */
export interface JobCounts {
  running: number;
  queued: number;
  failed: number;
  done: number;
  cancelled: number;
}
export function countJobs(list: readonly Generation[]): JobCounts {
  const c: JobCounts = { running: 0, queued: 0, failed: 0, done: 0, cancelled: 0 };
  for (const g of list) {
    if (g.status === "succeeded") c.done++;
    else c[g.status]++;
  }
  return c;
}

export const JOB_FILTERS = ["all", "active", "failed", "done"] as const;
export type JobFilter = (typeof JOB_FILTERS)[number];
export function matchesJobFilter(g: Pick<Generation, "status">, f: JobFilter): boolean {
  if (f === "active") return isActive(g);
  if (f === "failed") return g.status === "failed" || g.status === "cancelled";
  if (f === "done") return g.status === "succeeded";
  return true;
}

/** Each queued job's place in the project's line (1 = next), oldest first as the queue takes them. */
export function queuePositions(list: readonly Generation[]): Map<string, number> {
  const queued = list.filter((g) => g.status === "queued").sort((a, b) => -newestFirst(a, b));
  return new Map(queued.map((g, i) => [g.id, i + 1]));
}

/** What makes runs comparable for an ETA: the model, quality and size. */
const runKind = (g: Pick<Generation, "model" | "params">) =>
  `${g.model}|${String(g.params.quality ?? "")}|${String(g.params.size ?? "")}`;

/** Fewer finished runs of the same kind than this: no ETA (a guess would mislead). */
export const ETA_MIN_RUNS = 3;

/**
 * Milliseconds left for a running job, from the median duration of the last (up to 10) succeeded runs of the
 * same model × quality × size in `history`; null with fewer than ETA_MIN_RUNS of them. Never below 0.
 */
export function etaMs(job: Generation, history: readonly Generation[], now: number): number | null {
  if (job.status !== "running" || !job.startedAt) return null;
  const kind = runKind(job);
  const runs = history
    .filter((g) => g.status === "succeeded" && g.startedAt && g.finishedAt && runKind(g) === kind)
    .slice(0, 10)
    .map((g) => Date.parse(g.finishedAt!) - Date.parse(g.startedAt!))
    .sort((a, b) => a - b);
  if (runs.length < ETA_MIN_RUNS) return null;
  const mid = Math.floor(runs.length / 2);
  const median = runs.length % 2 ? runs[mid] : (runs[mid - 1] + runs[mid]) / 2;
  return Math.max(0, median - (now - Date.parse(job.startedAt)));
}
