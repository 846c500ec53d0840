/** Users, sessions and tokens for access tests: real sign-ins through the studio's own routes. */
import { expect } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import { POST as postToken } from "@/app/api/tokens/route";
import { POST as postUser } from "@/app/api/users/route";
import type { Role, User } from "@/lib/contracts/access";
import { jsonRequest } from "./http";

export const STUDIO = "http://127.0.0.1:3000";
export const PASSWORD = "correct horse battery";

let seq = 0;

/** A user of `role`, created by the admin token. */
export async function makeUser(role: Role, name = `${role} ${++seq}`): Promise<User> {
  const email = `${role}.${Date.now()}.${++seq}@example.test`;
  const res = await postUser(jsonRequest("POST", "/api/users", { email, name, role, password: PASSWORD }), undefined);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { user: User }).user;
}

const authCtx = (path: string) => ({ params: Promise.resolve({ all: path.split("/") }) });

/** Sign in through POST /api/auth/sign-in/email; answers the raw response. */
export function signInRequest(email: string, password: string, headers: Record<string, string> = {}) {
  return authRoute(
    new Request(`${STUDIO}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: STUDIO, ...headers },
      body: JSON.stringify({ email, password }),
    }),
    authCtx("sign-in/email"),
  );
}

/** The `Cookie` header a browser would send after signing in. */
export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const res = await signInRequest(email, password);
  expect(res.status, await res.clone().text()).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.join("; ");
}

/** Headers of a same-origin browser request carrying the session cookie. */
export const browser = (cookie: string, extra: Record<string, string> = {}) => ({
  cookie,
  origin: STUDIO,
  ...extra,
});

/** An API token of `userId`, made by the admin token; answers the secret. */
export async function tokenFor(userId: string, name = "test"): Promise<string> {
  const res = await postToken(jsonRequest("POST", "/api/tokens", { name, userId }), undefined);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

/** POST to one of the studio's auth routes (`sign-out`, `change-password`) with these headers and JSON body. */
export function postAuth(path: string, headers: Record<string, string>, body?: unknown) {
  return authRoute(
    new Request(`${STUDIO}/api/auth/${path}`, {
      method: "POST",
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    authCtx(path),
  );
}

/** A sign-in attempt from a given client address (the throttle counts per email and per address). */
export const signInFrom = (email: string, password: string, address: string) =>
  signInRequest(email, password, { "x-forwarded-for": address });
