import "server-only";
import { isoOf } from "@/lib/db/json";
import crypto from "node:crypto";
import { canModify, roleCan, type Permission, type Role, type User } from "@/lib/contracts/access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auth } from "./better-auth";
import { tokenUser } from "./tokens";
import { toUser } from "./users";

/** Who is asking, and how they proved it. `userId` null: the built-in admin token (STUDIO_ADMIN_TOKEN). */
export interface Actor {
  via: "session" | "token" | "admin_token";
  userId: string | null;
  role: Role;
  user: User | null;
  /** The session's id when `via` is "session". */
  sessionId?: string;
}

/** The built-in admin token's actor; also what in-process tools (bench, tests of lib code) act as. */
export const ADMIN_TOKEN_ACTOR: Actor = Object.freeze({ via: "admin_token", userId: null, role: "admin", user: null });

export const unauthenticated = (message = "Sign in first, or send an API token") =>
  new AppError("unauthenticated", message);

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

function isAdminToken(secret: string): boolean {
  const admin = env().STUDIO_ADMIN_TOKEN;
  // Compared as digests: constant time whatever the lengths.
  return admin !== undefined && crypto.timingSafeEqual(digest(secret), digest(admin));
}

function bearerOf(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthenticated("The Authorization header must be `Bearer <token>`");
  return m[1];
}

/**
 * The actor of a request: a bearer token (the admin token or an `atl_` API token) or the session
 * cookie. A disabled user's sessions and tokens stop at once: the user's current row is read on every
 * request. Nothing valid: 401 `unauthenticated`.
 */
export async function authenticate(req: Request): Promise<Actor> {
  const bearer = bearerOf(req);
  if (bearer !== undefined) {
    if (isAdminToken(bearer)) return ADMIN_TOKEN_ACTOR;
    const hit = await tokenUser(bearer);
    if (!hit) throw unauthenticated("Unknown or revoked token");
    if (hit.user.disabled) throw unauthenticated("This account is disabled");
    return { via: "token", userId: hit.user.id, role: hit.user.role, user: toUser(hit.user) };
  }
  const actor = await sessionActor(req.headers);
  if (!actor) throw unauthenticated();
  return actor;
}

/** The session cookie's actor, or null (pages use this to redirect rather than answer 401). */
export async function sessionActor(headers: Headers): Promise<Actor | null> {
  if (!headers.get("cookie")) return null;
  let found: Awaited<ReturnType<ReturnType<typeof auth>["api"]["getSession"]>>;
  try {
    found = await auth().api.getSession({ headers, query: { disableRefresh: true } });
  } catch {
    return null;
  }
  if (!found) return null;
  const row = found.user as typeof found.user & { role: Role; disabled: boolean | number };
  if (row.disabled) return null;
  const user = toUser({ ...row, disabled: false, createdAt: isoOf(row.createdAt) });
  return { via: "session", userId: user.id, role: user.role, user, sessionId: found.session.id };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!roleCan(actor.role, permission)) {
    throw new AppError("forbidden", `A ${actor.role} may not do this`, { role: actor.role, needs: permission });
  }
}

/** Own work needs `modifyOwn`, anyone's `manage` (docs/api.md roles table). */
export function requireModify(actor: Actor, createdBy: string | null, what: string): void {
  if (!canModify(actor.role, actor.userId, createdBy)) {
    const needs = roleCan(actor.role, "modifyOwn") ? "manage" : "modifyOwn";
    throw new AppError("forbidden", `A ${actor.role} may change only ${what} they created`, {
      role: actor.role,
      needs,
    });
  }
}
