import "server-only";
import { changePasswordBodySchema, signInBodySchema } from "@/lib/contracts/access";
import { transaction } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { recordAudit } from "./audit";
import { auth } from "./better-auth";
import { CLIENT_IP_HEADER, clientAddress } from "./client-address";
import { checkSameOrigin } from "./hosts";
import { sessionActor, unauthenticated } from "./principal";
import { assertNotLocked, recordFailure, recordSuccess } from "./throttle";
import { findUserByEmail, toUser } from "./users";

/*
 * The auth library's routes, behind the studio's rules. Only these are reachable (sign-up, password-reset
 * mails and the library's own session lists are not: users are created by admins, and session tokens never
 * reach a page — GET /api/sessions lists sessions without them). Answers use the contract's error shape.
 */

/** Hand a request to the library with the client address it records on the session, and a JSON body. */
function toLibrary(req: Request, path: string, body?: unknown): Promise<Response> {
  const headers = new Headers(req.headers);
  headers.set(CLIENT_IP_HEADER, clientAddress(req));
  headers.delete("content-length");
  if (body !== undefined) headers.set("content-type", "application/json");
  const url = new URL(`/api/auth/${path}`, req.url);
  return auth().handler(
    new Request(url, { method: req.method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

/** Copy the library's cookies onto a studio answer (its JSON bodies carry the session token: never forwarded). */
function withCookies(from: Response, to: Response): Response {
  for (const cookie of from.headers.getSetCookie()) to.headers.append("set-cookie", cookie);
  return to;
}

async function signIn(req: Request): Promise<Response> {
  if (req.headers.get("origin")) checkSameOrigin(req);
  const body = await readJson(req, signInBodySchema);
  const address = clientAddress(req);
  await assertNotLocked(body.email, address);
  const answer = await toLibrary(req, "sign-in/email", {
    email: body.email,
    password: body.password,
    rememberMe: true,
  });
  const row = answer.ok ? await findUserByEmail(body.email) : undefined;
  if (!row) {
    await transaction(async () => {
      await recordFailure(body.email, address);
      await recordAudit(null, {
        action: "sign_in_failed",
        targetType: "user",
        targetIds: [],
        details: { email: body.email, address },
      });
    });
    // One message whatever failed (unknown email, wrong password, disabled account): nothing to enumerate.
    throw unauthenticated("Wrong email or password, or the account is disabled");
  }
  await transaction(async () => {
    await recordSuccess(body.email);
    await recordAudit(
      { via: "session", userId: row.id, role: row.role, user: null },
      { action: "sign_in", targetType: "user", targetIds: [row.id], details: { address } },
    );
  });
  return withCookies(answer, json({ user: toUser(row) }));
}

async function signOut(req: Request): Promise<Response> {
  checkSameOrigin(req);
  const actor = await sessionActor(req.headers);
  const answer = await toLibrary(req, "sign-out", {});
  if (actor) await recordAudit(actor, { action: "sign_out", targetType: "user", targetIds: [actor.userId ?? ""] });
  return withCookies(answer, json({ ok: true }));
}

async function changePassword(req: Request): Promise<Response> {
  const actor = await sessionActor(req.headers);
  if (!actor) throw unauthenticated();
  checkSameOrigin(req);
  const body = await readJson(req, changePasswordBodySchema);
  const answer = await toLibrary(req, "change-password", body);
  if (!answer.ok) throw new AppError("invalid_request", "The current password is wrong", { path: "currentPassword" });
  await recordAudit(actor, {
    action: "user.update",
    targetType: "user",
    targetIds: [actor.userId ?? ""],
    details: { password: "changed", otherSessionsEnded: body.revokeOtherSessions },
  });
  return withCookies(answer, json({ ok: true }));
}

const ROUTES: Record<string, { method: string; run: (req: Request) => Promise<Response> }> = {
  "sign-in/email": { method: "POST", run: signIn },
  "sign-out": { method: "POST", run: signOut },
  "change-password": { method: "POST", run: changePassword },
};

export async function handleAuthRoute(req: Request, path: string): Promise<Response> {
  const r = ROUTES[path];
  if (!r) throw notFound("route", `/api/auth/${path}`);
  if (req.method !== r.method) {
    throw new AppError("invalid_request", `Use ${r.method} for /api/auth/${path}`, { allow: [r.method] });
  }
  return r.run(req);
}
