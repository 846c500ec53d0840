/**
 * Cross-site request forgery and DNS rebinding: cookie-authenticated changes must come from the studio's own
 * pages (Origin or Sec-Fetch-Site), JSON routes refuse the content types a form can send, and the proxy answers
 * 421 to a Host the studio does not serve.
 */
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import { GET as getProjects, POST as postProject } from "@/app/api/projects/route";
import { resetEnv } from "@/lib/env";
import { proxy } from "@/proxy";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { errorOf, rawRequest } from "@/tests/helpers/http";
import { makeUser, PASSWORD, signIn, STUDIO, tokenFor } from "@/tests/helpers/access";

// The Host check with its defaults (the helper lets route tests use any Host).
withTempDataDir(() => ({ STUDIO_ALLOWED_HOSTS: undefined }));

const EVIL = "http://evil.example";
const body = JSON.stringify({ name: "forged" });

let cookie = "";
let token = "";

beforeAll(async () => {
  const creator = await makeUser("creator");
  cookie = await signIn(creator.email);
  token = await tokenFor(creator.id);
});

const post = (headers: Record<string, string>, payload = body) =>
  postProject(new Request(`${STUDIO}/api/projects`, { method: "POST", headers, body: payload }), undefined);

describe("cookie changes must come from the studio's own pages", () => {
  it("refuses a cross-site text/plain form post (403 with the cookie, 401 without)", async () => {
    const err = await errorOf(
      await post({ cookie, origin: EVIL, "content-type": "text/plain;charset=UTF-8" }),
      403,
      "forbidden",
    );
    expect(err.message).toMatch(/cross-site/i);
    await errorOf(await post({ origin: EVIL, "content-type": "text/plain" }), 401, "unauthenticated");
  });

  it("refuses a cross-origin JSON post with the cookie", async () => {
    await errorOf(await post({ cookie, origin: EVIL, "content-type": "application/json" }), 403, "forbidden");
    // Same host, another port is another origin.
    await errorOf(
      await post({ cookie, origin: "http://127.0.0.1:4000", "content-type": "application/json" }),
      403,
      "forbidden",
    );
    // An opaque origin (sandboxed iframe, file:) is not the studio.
    await errorOf(await post({ cookie, origin: "null", "content-type": "application/json" }), 403, "forbidden");
  });

  it("refuses Sec-Fetch-Site: cross-site (and a change that proves no origin at all) without an Origin", async () => {
    const json = { cookie, "content-type": "application/json" };
    await errorOf(await post({ ...json, "sec-fetch-site": "cross-site" }), 403, "forbidden");
    await errorOf(await post({ ...json, "sec-fetch-site": "same-site" }), 403, "forbidden");
    await errorOf(await post(json), 403, "forbidden");
  });

  it("accepts a same-origin change (Origin, or Sec-Fetch-Site: same-origin) and a cross-origin read", async () => {
    expect((await post({ cookie, origin: STUDIO, "content-type": "application/json" })).status).toBe(201);
    expect((await post({ cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" })).status).toBe(
      201,
    );
    // Reads change nothing: a cross-site GET is answered (the browser's CORS rules keep its body from the page).
    const read = await getProjects(
      new Request(`${STUDIO}/api/projects`, { headers: { cookie, origin: EVIL } }),
      undefined,
    );
    expect(read.status).toBe(200);
  });

  it("accepts a Bearer token request without Origin (scripts are not browsers)", async () => {
    const res = await post({ authorization: `Bearer ${token}`, "content-type": "application/json" });
    expect(res.status).toBe(201);
  });

  it("answers 415 to a JSON route given text/plain or a form, with a token", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const err = await errorOf(
        await postProject(rawRequest("POST", "/api/projects", body, type, token), undefined),
        415,
        "unsupported_media_type",
      );
      expect(err.details).toMatchObject({ contentType: type.split(";")[0] });
    }
  });

  it("refuses a cross-site sign-in (login CSRF) before it checks the password", async () => {
    const creator = await makeUser("creator");
    const res = await authRoute(
      new Request(`${STUDIO}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: EVIL },
        body: JSON.stringify({ email: creator.email, password: PASSWORD }),
      }),
      { params: Promise.resolve({ all: ["sign-in", "email"] }) },
    );
    await errorOf(res, 403, "forbidden");
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("the Host check (proxy.ts)", () => {
  const saved = { hosts: process.env.STUDIO_ALLOWED_HOSTS, trust: process.env.STUDIO_TRUST_PROXY };
  afterEach(() => {
    for (const [k, v] of [
      ["STUDIO_ALLOWED_HOSTS", saved.hosts],
      ["STUDIO_TRUST_PROXY", saved.trust],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnv();
  });

  const setEnv = (vars: Record<string, string>) => {
    Object.assign(process.env, vars);
    resetEnv();
  };

  const through = (host: string, headers: Record<string, string> = {}) =>
    proxy(new NextRequest(`http://${host}/api/projects`, { headers: { host, ...headers } }));

  const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";

  async function refused(res: Response) {
    expect(passes(res)).toBe(false);
    const err = await errorOf(res, 421, "invalid_request");
    expect(err.message).toMatch(/host/i);
  }

  it("answers 421 in the error shape to a Host the studio does not serve", async () => {
    await refused(through("evil.example"));
    await refused(through("localhost.evil.example"));
    await refused(through("evil.example:3000"));
  });

  it("passes localhost and loopback addresses by default", () => {
    for (const host of ["localhost:3000", "localhost", "127.0.0.1", "127.0.0.1:3000", "[::1]:3000"]) {
      expect(passes(through(host)), host).toBe(true);
    }
  });

  it("answers to STUDIO_ALLOWED_HOSTS only, wildcards matching subdomains", async () => {
    setEnv({ STUDIO_ALLOWED_HOSTS: "studio.example.com,*.corp.example" });
    for (const host of ["studio.example.com", "a.corp.example", "b.a.corp.example:8443", "STUDIO.example.com"]) {
      expect(passes(through(host)), host).toBe(true);
    }
    for (const host of ["localhost", "127.0.0.1:3000", "corp.example", "evilcorp.example", "example.com"]) {
      await refused(through(host));
    }
    // The list is re-read when it changes.
    setEnv({ STUDIO_ALLOWED_HOSTS: "localhost" });
    expect(passes(through("localhost:3000"))).toBe(true);
    await refused(through("a.corp.example"));
  });

  it("reads X-Forwarded-Host only behind a trusted proxy", async () => {
    setEnv({ STUDIO_ALLOWED_HOSTS: "studio.example.com", STUDIO_TRUST_PROXY: "0" });
    // Not trusted: the forwarded name is ignored, the Host decides.
    expect(passes(through("studio.example.com", { "x-forwarded-host": "evil.example" }))).toBe(true);
    await refused(through("evil.example", { "x-forwarded-host": "studio.example.com" }));
    setEnv({ STUDIO_TRUST_PROXY: "1" });
    await refused(through("studio.example.com", { "x-forwarded-host": "evil.example" }));
    expect(passes(through("127.0.0.1:3000", { "x-forwarded-host": "studio.example.com" }))).toBe(true);
  });
});

describe("what no route could answer (proxy.ts)", () => {
  const call = (path: string, method = "GET") =>
    proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { method, headers: { host: "127.0.0.1:3000" } }));

  it("answers malformed percent-escapes with 400 in the error shape, before any route decodes them", async () => {
    for (const path of ["/api/projects/%FF", "/api/projects/%", "/api/assets/%C0%AF/file", "/projects/%E0%A4%A"]) {
      const res = call(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
    // Well-formed escapes pass on to the routes.
    expect(call("/api/projects/%70rj_x").headers.get("x-middleware-next")).toBe("1");
  });

  it("answers methods no route serves (TRACE, CONNECT-like) with 405, the error shape and Allow", async () => {
    // (fetch's Request refuses to build TRACE itself; checked against the running server by hand: 405.)
    for (const method of ["PROPFIND", "MKCOL"]) {
      const res = call("/api/projects", method);
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toContain("GET");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });
});
