/** An audit event's details as compact `key: value` pairs for a table cell (pure; unit-tested). */

export interface DetailEntry {
  key: string;
  value: string;
}

const MAX_VALUE = 120;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const isChange = (v: unknown): v is { from: unknown; to: unknown } =>
  isRecord(v) && Object.keys(v).length === 2 && "from" in v && "to" in v;

function clip(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map(valueText).join(", ");
  if (isChange(v)) return `${valueText(v.from)} → ${valueText(v.to)}`;
  return JSON.stringify(v);
}

/** Keys whose values are user ids: shown as the person's name when the directory knows it. */
const USER_KEYS = new Set(["userId", "user", "ownerId"]);

/**
 * `{changes: {role: {from, to}}, projectId: "prj_…"}` → `role: creator → manager`, `projectId: prj_…`. One level of
 * nesting is flattened (`changes.` is implied). `via` (session, token, admin token) is the user column's.
 */
export function detailEntries(
  details: Record<string, unknown>,
  nameOf: (userId: string) => string | undefined = () => undefined,
): DetailEntry[] {
  const out: DetailEntry[] = [];
  const push = (key: string, v: unknown) => {
    const last = key.split(".").at(-1) ?? "";
    const named = USER_KEYS.has(last) && typeof v === "string" ? nameOf(v) : undefined;
    // A user id shown as a name is labelled as the person ("user: Ada"), not as the id it was.
    out.push({ key: named ? key.replace(/Id$/, "") : key, value: clip(named ?? valueText(v)) });
  };
  for (const [k, v] of Object.entries(details)) {
    if (k === "via") continue;
    if (isRecord(v) && !isChange(v)) {
      for (const [k2, v2] of Object.entries(v)) push(k === "changes" ? k2 : `${k}.${k2}`, v2);
    } else push(k, v);
  }
  return out;
}

/** The target's ids for a cell: the first two shortened, then "+n"; `full` for the title attribute. */
export function idsSummary(ids: string[], short: (id: string) => string): { text: string; full: string } {
  const head = ids.slice(0, 2).map(short).join(", ");
  return { text: ids.length > 2 ? `${head} +${ids.length - 2}` : head, full: ids.join("\n") };
}
