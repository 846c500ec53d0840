import { AUDIT_ACTIONS, type AuditAction } from "@/lib/contracts/access";
import type { AuditApiQuery } from "@/lib/client/admin-api";

/**
 * The audit page's filters as the URL keeps them (so a filtered view can be shared and survives a reload):
 * `from`/`to` are calendar days (`YYYY-MM-DD`) in the reader's time zone, as a date input gives them.
 */
export interface AuditFilters {
  action?: AuditAction;
  userId?: string;
  from?: string;
  to?: string;
}

export const FILTER_KEYS = ["action", "userId", "from", "to"] as const satisfies readonly (keyof AuditFilters)[];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayParts(day: string): [number, number, number] | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  // 2025-02-30 rolls over to March: not a day.
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? [y, mo, d] : null;
}

export const isDay = (v: string): boolean => dayParts(v) !== null;

const isAction = (v: string): v is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(v);

/** The filters a query string names; anything unknown or malformed is dropped rather than sent. */
export function filtersFromSearch(params: { get(name: string): string | null }): AuditFilters {
  const f: AuditFilters = {};
  const action = params.get("action");
  if (action && isAction(action)) f.action = action;
  const userId = params.get("userId")?.trim();
  if (userId && userId.length <= 64) f.userId = userId;
  const from = params.get("from");
  if (from && isDay(from)) f.from = from;
  const to = params.get("to");
  if (to && isDay(to)) f.to = to;
  return f;
}

/** The query string of `f`, keys in a fixed order (no leading `?`; empty when nothing is filtered). */
export function filtersToSearch(f: AuditFilters): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) params.set(k, v);
  }
  return params.toString();
}

export const hasFilters = (f: AuditFilters): boolean => FILTER_KEYS.some((k) => Boolean(f[k]));

/** The first instant of a local day, as the API's ISO time. */
export function startOfDayIso(day: string): string | undefined {
  const p = dayParts(day);
  return p ? new Date(p[0], p[1] - 1, p[2]).toISOString() : undefined;
}

/** The last instant of a local day (the `to` day is included). */
export function endOfDayIso(day: string): string | undefined {
  const p = dayParts(day);
  return p ? new Date(p[0], p[1] - 1, p[2], 23, 59, 59, 999).toISOString() : undefined;
}

/** What `GET /api/audit` is asked for these filters (and the CSV link carries). */
export function apiQueryOf(f: AuditFilters): Omit<AuditApiQuery, "cursor" | "limit"> {
  return {
    action: f.action,
    userId: f.userId,
    from: f.from ? startOfDayIso(f.from) : undefined,
    to: f.to ? endOfDayIso(f.to) : undefined,
  };
}
