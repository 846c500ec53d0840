import "server-only";
import crypto from "node:crypto";
import { betterAuth } from "better-auth";
import { PASSWORD_MIN } from "@/lib/contracts/access";
import { authDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CLIENT_IP_HEADER } from "./client-address";
import { studioOrigin } from "./hosts";
import { hashPassword, verifyPassword } from "./password";
import { authSecret } from "./secret";
import { findUserRow } from "./users";

/*
 * better-auth does what a studio should not write by hand: password hashing (scrypt), session tokens,
 * signed cookies, the sign-in and session routes. The studio keeps roles, tokens, audit and the
 * throttle (lib/auth/*), and creates users itself so a user and its audit row commit together.
 */

/** The library's field names → our snake_case columns (lib/db/tables.ts), per model. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const columns = <const F extends string>(...fields: F[]) =>
  Object.fromEntries(fields.map((f) => [f, snake(f)])) as Record<F, string>;
const TIMES = ["createdAt", "updatedAt"] as const;

function createAuth(database: ReturnType<typeof authDb>) {
  const e = env();
  return betterAuth({
    appName: "Atelier",
    basePath: "/api/auth",
    secret: authSecret(),
    // Its Kysely adapter, on the studio's own connection (SQLite) or pool (PostgreSQL).
    database,
    // The origin the browser addressed (Host, or X-Forwarded-Host/-Proto behind a trusted proxy): the studio
    // answers to several names (STUDIO_ALLOWED_HOSTS), and proxy.ts has already refused any other Host.
    trustedOrigins: (request) => (request ? [studioOrigin(request)] : []),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      modelName: "users",
      fields: columns("emailVerified", ...TIMES),
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    session: {
      modelName: "sessions",
      fields: columns("userId", "expiresAt", "ipAddress", "userAgent", ...TIMES),
      expiresIn: e.SESSION_DAYS * 86_400,
      updateAge: 86_400,
    },
    account: {
      modelName: "accounts",
      fields: columns(
        "accountId",
        "providerId",
        "userId",
        "accessToken",
        "refreshToken",
        "idToken",
        "accessTokenExpiresAt",
        "refreshTokenExpiresAt",
        ...TIMES,
      ),
    },
    verification: { modelName: "verifications", fields: columns("expiresAt", ...TIMES) },
    // The contract's throttle (ten failures per email or address in 15 minutes) is lib/auth/throttle.ts.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { level: "error" },
    advanced: {
      useSecureCookies: e.STUDIO_TRUST_PROXY,
      trustedProxyHeaders: e.STUDIO_TRUST_PROXY,
      // Set by the studio's own auth route from lib/auth/client-address.ts (a client-sent one is replaced).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => crypto.randomBytes(16).toString("base64url") },
      cookiePrefix: "atelier",
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled user cannot start a session, whatever the password.
          before: async (session) => {
            const user = await findUserRow(session.userId);
            return user && !user.disabled ? undefined : false;
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per database handle (tests switch data dirs), kept on globalThis like the handle itself.
const slot = globalThis as unknown as { __atelierAuth?: { db: unknown; auth: Auth } };

export function auth(): Auth {
  const database = authDb();
  if (slot.__atelierAuth?.db !== database.db) slot.__atelierAuth = { db: database.db, auth: createAuth(database) };
  return slot.__atelierAuth.auth;
}
