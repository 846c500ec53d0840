/**
 * The editor sessions an asset keeps on the server (docs/api.md "Assets": `…/sessions/:kind`): the inpaint
 * mask's history and the cutout panel's session, as their classes' `toJSON()` makes them. Shared by the route,
 * the data layer and the browser.
 */

export const SESSION_KINDS = ["mask", "cutout"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const isSessionKind = (v: string): v is SessionKind => (SESSION_KINDS as readonly string[]).includes(v);

/** One stored session: `version` counts its saves (1 for the first); `updatedBy` is a user id, null for the admin token. */
export interface AssetSession {
  kind: SessionKind;
  data: Record<string, unknown>;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

/**
 * Cap on a PUT body (8 MiB), in place of MAX_JSON_BYTES (1 MiB): a mask history holds every stroke's points (image
 * pixels at 0.1 px) in its strokes and again in its undo entries. On a 4096² image, 300 strokes of 150 points are
 * 1.2 MiB of JSON (1.8 MiB once cleared and the clear undone), 500 such strokes 2.9 MiB.
 */
export const SESSION_MAX_BYTES = 8 * 1024 * 1024;

/** Deepest nesting of `data` accepted (a mask history is 6 levels deep). */
export const SESSION_MAX_DEPTH = 32;

/** Whether `value` nests deeper than `max` arrays/objects (walked without recursion: any input is safe). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
