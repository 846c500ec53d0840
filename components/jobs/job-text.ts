import { hasMessage, type Translate } from "@/lib/i18n";
import type { Generation } from "@/lib/contracts/generations";

/** Job words: phases and statuses from the catalogs, the server's text as the fallback. Failures: lib/errors-view.ts. */

export function phaseText(t: Translate, g: Pick<Generation, "status" | "phase" | "message">): string {
  if (g.status === "queued") return t("jobs.phase.queued");
  const key = `jobs.phase.${g.phase}`;
  return hasMessage(key) ? t(key) : g.message;
}

export function statusText(t: Translate, g: Pick<Generation, "status">): string {
  const key = `jobs.status.${g.status}`;
  return hasMessage(key) ? t(key) : g.status;
}

/** m:ss (or h:mm:ss) of elapsed milliseconds. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function elapsedMs(g: Pick<Generation, "createdAt" | "startedAt" | "finishedAt">, now: number): number {
  const start = Date.parse(g.startedAt ?? g.createdAt);
  const end = g.finishedAt ? Date.parse(g.finishedAt) : now;
  return end - start;
}

/** A short duration for an estimate: "45 s", "3 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
