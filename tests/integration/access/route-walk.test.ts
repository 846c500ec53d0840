/**
 * Every route file, found by walking app/api and app/sim: each exported method answers 401
 * `unauthenticated` without credentials (and with bad ones), except the few public endpoints named here.
 * A route added without the `route()` guard fails this file. A viewer's cookie is refused (403) on every
 * change except the few a viewer may make.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { json, publicRoute } from "@/lib/http";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { errorOf } from "@/tests/helpers/http";
import { browser, makeUser, signIn, STUDIO } from "@/tests/helpers/access";
import { discoverEndpoints, fill, METHODS, type Endpoint } from "@/tests/helpers/routes";

withTempDataDir();

const endpoints: Endpoint[] = [];

beforeAll(async () => {
  endpoints.push(...(await discoverEndpoints()));
});

/**
 * Public endpoints: they answer their own thing to anyone. The simulator's upstream paths take the simulator
 * key (as a gateway takes its key), so they are listed too — but its control paths are checked separately.
 */
const PUBLIC = new Set([
  "GET /api/setup",
  "POST /api/setup",
  "GET /api/health",
  // The auth routes, and the 405 they answer to the methods they do not serve.
  ...["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => `${m} /api/auth/[...all]`),
]);
const SIM = "/sim/[...path]";
const isPublic = (e: Endpoint) => PUBLIC.has(`${e.method} ${e.pattern}`) || e.pattern === SIM;

/** What a viewer may change: their own tokens and sessions (sign-out is a public auth route), and the JSON 404. */
const VIEWER_MAY: Record<string, number> = {
  "POST /api/tokens": 201,
  "DELETE /api/tokens/[tokenId]": 404, // someone else's or unknown: not found, not forbidden
  "DELETE /api/sessions/[sessionId]": 404,
  "DELETE /api/sessions": 200,
  ...Object.fromEntries(METHODS.filter((m) => m !== "GET").map((m) => [`${m} /api/[[...path]]`, 404])),
};

function call(e: Endpoint, headers: Record<string, string>, catchAll?: string[], body?: string): Promise<Response> {
  const { url, params } = fill(e.pattern, catchAll);
  const init: RequestInit = { method: e.method, headers };
  if (body !== undefined) init.body = body;
  return Promise.resolve(e.handler(new Request(url, init), { params: Promise.resolve(params) }));
}

async function expect401(e: Endpoint, headers: Record<string, string>, catchAll?: string[]) {
  const res = await call(e, headers, catchAll);
  const label = `${e.method} ${fill(e.pattern, catchAll).url} with ${JSON.stringify(Object.keys(headers))}`;
  if (e.method === "HEAD") {
    // A HEAD answer has no body to read: the status is what a client sees.
    expect(res.status, label).toBe(401);
    return;
  }
  await errorOf(res, 401, "unauthenticated").catch((err: Error) => {
    throw new Error(`${label}: ${err.message}`);
  });
}

describe("the route tree", () => {
  it("finds every route file and every public endpoint it allows still exists", () => {
    expect(endpoints.length).toBeGreaterThan(40);
    const present = new Set(endpoints.map((e) => `${e.method} ${e.pattern}`));
    for (const p of PUBLIC) expect(present, p).toContain(p);
    for (const p of Object.keys(VIEWER_MAY)) expect(present, p).toContain(p);
    expect(endpoints.some((e) => e.pattern === SIM)).toBe(true);
  });

  it("would catch a handler without the guard (the walk's own check)", async () => {
    const open: Endpoint = {
      pattern: "/api/new-thing/[thingId]",
      file: "(none)",
      method: "POST",
      handler: publicRoute(() => json({ ok: true }, 201)),
    };
    await expect(expect401(open, {})).rejects.toThrow(/expected 401, got 201/);
    const wrongShape: Endpoint = { ...open, handler: () => new Response("no", { status: 401 }) };
    await expect(expect401(wrongShape, {})).rejects.toThrow();
  });

  it("answers 401 unauthenticated, in the error shape, to every non-public method without credentials", async () => {
    const guarded = endpoints.filter((e) => !isPublic(e));
    expect(guarded.length).toBeGreaterThan(30);
    for (const e of guarded) await expect401(e, {});
  });

  it("answers 401 to a bogus API token, a malformed Authorization header and a forged session cookie", async () => {
    const bad: Record<string, string>[] = [
      { authorization: "Bearer atl_not-a-real-token-0000000000000000000000000" },
      { authorization: "Bearer test-admin-token-but-wrong-0000000000000000" },
      { authorization: "Basic YWRtaW46YWRtaW4=" },
      { cookie: "atelier.session_token=forged.signature" },
    ];
    for (const e of endpoints.filter((x) => !isPublic(x))) for (const h of bad) await expect401(e, h);
  });

  it("guards the simulator's control paths (401 signed out, however they are spelled), not its upstream ones", async () => {
    const sim = endpoints.filter((e) => e.pattern === SIM);
    expect(sim.map((e) => e.method).sort()).toEqual(["DELETE", "GET", "POST"]);
    for (const e of sim) {
      for (const p of [["_control"], ["_control", "latency"], ["_control", "faults"], ["%5Fcontrol", "reset"]]) {
        await expect401(e, {}, p);
      }
    }
    // An upstream path answers the simulator's own refusal (no simulator key): not the studio's 401 shape, never 2xx.
    const post = sim.find((e) => e.method === "POST")!;
    const upstream = await call(post, { "content-type": "application/json" }, ["v1", "images", "generations"], "{}");
    expect(upstream.status).toBeGreaterThanOrEqual(400);
    expect(upstream.status).toBeLessThan(500);
  });

  it("lets the public endpoints answer without credentials (never a 5xx, never 401 for health and setup)", async () => {
    for (const e of endpoints.filter((x) => PUBLIC.has(`${x.method} ${x.pattern}`))) {
      const catchAll = e.pattern.startsWith("/api/auth/") ? ["sign-out"] : undefined;
      const res = await call(
        e,
        { "content-type": "application/json", origin: STUDIO },
        catchAll,
        e.method === "GET" ? undefined : "{}",
      );
      expect(res.status, `${e.method} ${e.pattern}`).toBeLessThan(500);
      if (!e.pattern.startsWith("/api/auth/")) expect(res.status, `${e.method} ${e.pattern}`).not.toBe(401);
    }
  });
});

describe("a viewer's session", () => {
  it("is refused (403 forbidden) on every change a viewer may not make, and not on the ones it may", async () => {
    const viewer = await makeUser("viewer");
    let cookie = await signIn(viewer.email);
    const changes = endpoints.filter((e) => e.method !== "GET" && e.method !== "HEAD" && !isPublic(e));
    expect(changes.length).toBeGreaterThan(15);
    const allowed: Endpoint[] = [];
    for (const e of changes) {
      const key = `${e.method} ${e.pattern}`;
      if (key in VIEWER_MAY) {
        allowed.push(e);
        continue;
      }
      const res = await call(e, browser(cookie));
      // A method the route does not serve is 405 for everyone signed in: not a change, nothing to forbid.
      if (res.status === 405) {
        await errorOf(res, 405, "method_not_allowed");
        continue;
      }
      const err = await errorOf(res, 403, "forbidden").catch((x: Error) => {
        throw new Error(`${key}: ${x.message}`);
      });
      expect(err.details, key).toMatchObject({ role: "viewer" });
    }
    // The simulator's control paths are an admin's.
    for (const e of endpoints.filter((x) => x.pattern === SIM && x.method !== "GET")) {
      await errorOf(await call(e, browser(cookie), ["_control", "latency"]), 403, "forbidden");
    }
    // What a viewer may do answers its own thing; "sign out everywhere" last, it ends this session.
    allowed.sort((a, b) => Number(a.pattern === "/api/sessions") - Number(b.pattern === "/api/sessions"));
    for (const e of allowed) {
      const key = `${e.method} ${e.pattern}`;
      const body = key === "POST /api/tokens" ? JSON.stringify({ name: "viewer script" }) : undefined;
      const headers = body ? browser(cookie, { "content-type": "application/json" }) : browser(cookie);
      const res = await call(e, headers, undefined, body);
      expect(res.status, `${key}: ${await res.clone().text()}`).toBe(VIEWER_MAY[key]);
    }
    // Signed out everywhere: the cookie is dead.
    await expect401(
      changes.find((e) => e.pattern === "/api/sessions")!,
      browser(cookie),
    );
    cookie = await signIn(viewer.email);
    expect(cookie).toBeTruthy();
  });
});
