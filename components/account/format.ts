/** Pure formatting for the account, team and audit pages (unit-tested; no React, no browser APIs). */

export interface Device {
  browser: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/\d/, "Edge"],
  [/\b(?:OPR|Opera)\/\d/, "Opera"],
  [/\bSamsungBrowser\/\d/, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\/\d/, "Firefox"],
  [/\bHeadlessChrome\/\d/, "Headless Chrome"],
  [/\b(?:Chrome|CriOS|Chromium)\/\d/, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\/\d/, "Safari"],
  [/\bcurl\/\d/i, "curl"],
  [/\bnode(?:-fetch)?\b|\bundici\b/i, "Node.js"],
  [/\bpython-requests\/|\bpython\b/i, "Python"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** A user agent as a person reads it: the browser and the system, each null when not recognised. */
export function parseUserAgent(ua: string | null | undefined): Device {
  if (!ua) return { browser: null, os: null };
  return {
    browser: BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null,
    os: SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null,
  };
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "in 2 days", "now": the largest whole unit, in the reader's language. */
export function relativeTime(iso: string, now: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const s = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(s)) return "";
  const abs = Math.abs(s);
  if (abs < 45) return rtf.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.95) return rtf.format(Math.round(s / size), unit);
  }
  return rtf.format(Math.round(s / 60), "minute");
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/**
 * An id short enough for a table cell. The studio's ids start with a time part (ids created together
 * share it), so the type prefix and the random tail are what tell them apart; other ids keep their head.
 */
export function shortId(id: string): string {
  const m = /^([a-z]{3})_([0-9a-z]{20})$/.exec(id);
  if (m) return `${m[1]}_…${m[2]!.slice(-6)}`;
  return id.length > 12 ? `${id.slice(0, 10)}…` : id;
}

/** A failed call's field errors: the contract's `details.issues` paths (first segment), or a single `details.path`. */
export function issuesByField(details: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = Array.isArray(details.issues) ? (details.issues as { path?: unknown; message?: unknown }[]) : [];
  for (const i of issues) {
    const field = String(i.path ?? "").split(/[.[]/)[0] ?? "";
    if (field && !out[field] && typeof i.message === "string") out[field] = i.message;
  }
  return out;
}
