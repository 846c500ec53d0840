/**
 * What access control costs per request: GET /api/projects through the route wrapper, authenticated by the
 * built-in admin token, an API token (hash lookup + user row + lastUsedAt), and a session cookie (better-auth
 * getSession), against the same handler's work without the wrapper (listing the projects). Also one sign-in
 * (scrypt, the library's cost factor) — the price of a password check an attacker pays too.
 */
import { benchDataDir, percentile } from "./support";

const N = Number(process.env.BENCH_AUTH_RUNS ?? 2000);
const ADMIN = "bench-admin-token-0123456789abcdefghijklmnop";

async function time(fn: () => Promise<unknown> | unknown, n = N): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  return out.sort((a, b) => a - b);
}

const us = (xs: number[], p: number) => percentile(xs, p) * 1000;
const fmt = (xs: number[]) => `p50 ${us(xs, 50).toFixed(0)} µs, p95 ${us(xs, 95).toFixed(0)} µs`;

/** The longest the event loop was blocked (ms) while `fn` ran: what every other request waited meanwhile. */
async function worstStall(fn: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  await fn();
  clearInterval(timer);
  return worst;
}

async function main() {
  process.env.STUDIO_ADMIN_TOKEN = ADMIN;
  const { projectId } = await benchDataDir("auth");
  void projectId;
  const { GET } = await import("@/app/api/projects/route");
  const { POST: authRoute } = await import("@/app/api/auth/[...all]/route");
  const { listAllProjects } = await import("@/lib/projects");
  const { createUser } = await import("@/lib/auth/users");
  const { createToken } = await import("@/lib/auth/tokens");
  const { ADMIN_TOKEN_ACTOR } = await import("@/lib/auth/principal");

  const user = await createUser(ADMIN_TOKEN_ACTOR, {
    email: "bench@example.test",
    name: "Bench",
    role: "creator",
    password: "bench password 123",
  });
  const { secret } = await createToken(ADMIN_TOKEN_ACTOR, user.id, "bench");
  const origin = "http://127.0.0.1:3000";
  const signIn = () =>
    authRoute(
      new Request(`${origin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: "bench@example.test", password: "bench password 123" }),
      }),
      { params: Promise.resolve({ all: ["sign-in", "email"] }) },
    );
  const signed = await signIn();
  const cookie = signed.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  const call = (headers: Record<string, string>) => GET(new Request(`${origin}/api/projects`, { headers }), undefined);
  const bare = await time(() => listAllProjects());
  const admin = await time(() => call({ authorization: `Bearer ${ADMIN}` }));
  const token = await time(() => call({ authorization: `Bearer ${secret}` }));
  const session = await time(() => call({ cookie }));
  const denied = await time(() => call({}));
  const signIns = await time(signIn, 20);

  const ratio = (xs: number[]) => (percentile(xs, 50) / percentile(bare, 50)).toFixed(1);
  console.log(`list projects, no wrapper (reference): ${fmt(bare)}`);
  console.log(`GET /api/projects with the admin token: ${fmt(admin)} (${ratio(admin)}× the reference)`);
  console.log(
    `  with an API token: ${fmt(token)} (${ratio(token)}×); +${(us(token, 50) - us(admin, 50)).toFixed(0)} µs over the admin token`,
  );
  console.log(
    `  with a session cookie: ${fmt(session)} (${ratio(session)}×); +${(us(session, 50) - us(admin, 50)).toFixed(0)} µs over the admin token`,
  );
  console.log(`  without credentials (401): ${fmt(denied)}`);
  console.log(`one sign-in (scrypt + session row): p50 ${percentile(signIns, 50).toFixed(1)} ms`);
  const { hashPassword } = await import("@/lib/auth/password");
  const { hashPassword: libraryHash } = await import("better-auth/crypto");
  const ours = await worstStall(() => hashPassword("bench password 123"));
  const theirs = await worstStall(() => libraryHash("bench password 123"));
  console.log(
    `event loop blocked during one password hash: ${ours.toFixed(1)} ms on Node's scrypt (lib/auth/password.ts) vs ${theirs.toFixed(1)} ms on the library's JS scrypt`,
  );
}

// Exit when done: on PostgreSQL the runner's listening connection would keep the process up.
void main().then(() => process.exit(0));
