/** The studio's route tree as the tests walk it: every `route.ts` under app/api and app/sim, every exported method. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STUDIO } from "./access";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (req: Request, ctx: unknown) => Promise<Response> | Response;

export interface Endpoint {
  /** The route's folder path as Next.js spells it, e.g. `/api/projects/[projectId]`. */
  pattern: string;
  file: string;
  method: Method;
  handler: Handler;
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
    );
}

/** `app/api/x/[id]/route.ts` → `/api/x/[id]`; route groups `(name)` do not appear in URLs. */
const patternOf = (file: string) =>
  "/" +
  path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((seg) => !/^\(.*\)$/.test(seg))
    .join("/");

/** Ids of the studio's shape for `…Id` params, so the guard (not a 404 for a malformed id) is what answers. */
const ID_PREFIX: Record<string, string> = {
  project: "prj",
  generation: "gen",
  asset: "ast",
  export: "exp",
  user: "usr",
  token: "tok",
};
export const fakeId = (name: string) => `${ID_PREFIX[name.replace(/Id$/, "")] ?? "xxx"}_00000000000000000000`;

/** The names of a pattern's params, with whether each is a list (`[...name]`, `[[...name]]`). */
export function paramsOf(pattern: string): { name: string; list: boolean }[] {
  return pattern.split("/").flatMap((seg) => {
    const m = /^\[(\[)?(\.\.\.)?(\w+)\]?\]$/.exec(seg);
    return m ? [{ name: m[3], list: Boolean(m[2]) }] : [];
  });
}

/** Params and URL for a pattern: `[name]` one value, `[...name]` and `[[...name]]` a list. `catchAll` overrides lists. */
export function fill(pattern: string, catchAll?: string[]): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segs = pattern.split("/").map((seg) => {
    const m = /^\[(\[)?(\.\.\.)?(\w+)\]?\]$/.exec(seg);
    if (!m) return seg;
    const name = m[3];
    if (m[2]) {
      const list = catchAll ?? ["nothing-here"];
      params[name] = list;
      return list.join("/");
    }
    const value = name === "index" ? "0" : /Id$/.test(name) ? fakeId(name) : "x";
    params[name] = value;
    return value;
  });
  return { url: STUDIO + segs.join("/"), params };
}

/** Import every route module and list its exported methods, in file order. */
export async function discoverEndpoints(): Promise<Endpoint[]> {
  const files = [...walk(path.join(ROOT, "app/api")), ...walk(path.join(ROOT, "app/sim"))].sort();
  const endpoints: Endpoint[] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function")
        endpoints.push({ pattern: patternOf(file), file, method, handler: mod[method] as Handler });
    }
  }
  return endpoints;
}
