import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@/tests/helpers/e2e-test";
import {
  startS3rverProcess,
  startSimulatorProcess,
  startStudioProcess,
  type ChildHandle,
  type S3rverProcess,
  type StudioProcess,
} from "@/tests/helpers/processes";

/*
 * Two studio servers (`npm start`'s production build) on one PostgreSQL database and one S3 bucket (s3rver),
 * each with a data dir of its own, and one upstream simulator they share: what docs/deploy.md describes,
 * behind no proxy. Needs PostgreSQL: `npm test` passes its private cluster as ATELIER_TEST_PG_URL.
 */
const PG_ADMIN_URL = process.env.ATELIER_TEST_PG_URL;
const CAP = 4;
const LEASE_S = 5;
const TOKEN = "scale-out-admin-token-0123456789abcdef";
const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
const BODY = { model: "gpt-image-2", operation: "generate", prompt: "a mug", params: { quality: "low" } };

type Gen = { id: string; status: string; error: { code: string } | null; assetIds: string[] };

test.describe.configure({ mode: "serial" });
test.skip(!PG_ADMIN_URL, "needs PostgreSQL (npm test starts a private cluster)");

let dbName = "";
let dbUrl = "";
let s3: S3rverProcess;
let sim: ChildHandle & { origin: string };
let a: StudioProcess;
let b: StudioProcess;
const dirs: string[] = [];

async function admin(sql: string, url = PG_ADMIN_URL!): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function studio(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-scale-${port}-`));
  dirs.push(dir);
  return startStudioProcess(port, {
    STUDIO_DATA_DIR: dir,
    DATABASE_URL: dbUrl,
    STORAGE_URL: `s3://${s3.bucket}/studio`,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
    SIMULATOR_ORIGIN: sim.origin,
    STUDIO_ADMIN_TOKEN: TOKEN,
    DMXAPI_API_KEY: "",
    ARK_API_KEY: "",
    JOB_CONCURRENCY: String(CAP),
    JOB_LEASE_S: String(LEASE_S),
    UPSTREAM_TIMEOUT_MS: "120000",
  });
}

const control = async (p: string, body?: unknown) => {
  const res = await fetch(`${sim.origin}/_control${p}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
};

async function api<T>(origin: string, p: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(origin + p, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: auth,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text) as T;
}

const newProject = async (origin: string, name: string) =>
  (await api<{ project: { id: string } }>(origin, "/api/projects", { body: { name } })).project.id;
const post = async (origin: string, projectId: string) =>
  (await api<{ generation: Gen }>(origin, `/api/projects/${projectId}/generations`, { body: BODY })).generation;
const status = async (origin: string, projectId: string, id: string) =>
  (await api<{ generation: Gen }>(origin, `/api/projects/${projectId}/generations/${id}`)).generation;

async function until(origin: string, projectId: string, id: string, ok: (g: Gen) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const g = await status(origin, projectId, id);
    if (ok(g)) return g;
    if (Date.now() > deadline) throw new Error(`generation ${id} stuck at ${g.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const ended = (g: Gen) => !["queued", "running"].includes(g.status);

/** Each job's lease owner, in the order of `ids` (a query answers rows in no particular order). */
async function owners(ids: string[]): Promise<(string | null)[]> {
  const { rows } = await admin(
    `select id, lease_owner from generations where id in (${ids.map((i) => `'${i}'`).join(",")})`,
    dbUrl,
  );
  const byId = new Map((rows as { id: string; lease_owner: string | null }[]).map((r) => [r.id, r.lease_owner]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The process holding a lease: owners are `host:pid:random`. */
const pidOf = (owner: string | null) => Number(owner?.split(":")[1]);

/** Read a text/event-stream body until `done` accepts the frames so far. */
async function readEvents(res: Response, done: (frames: { event: string; data: unknown }[]) => boolean, ms = 20_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: { event: string; data: unknown }[] = [];
  let buf = "";
  const deadline = Date.now() + ms;
  try {
    while (!done(frames)) {
      if (Date.now() > deadline) throw new Error(`events: ${JSON.stringify(frames.slice(-5))}`);
      const r = await reader.read();
      if (r.done) break;
      buf += decoder.decode(r.value, { stream: true });
      let end: number;
      while ((end = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return frames;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dbName = `atelier_scale_${process.pid}_${Date.now()}`;
  await admin(`create database ${dbName}`);
  const url = new URL(PG_ADMIN_URL!);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  s3 = await startS3rverProcess("atelier-scale");
  sim = await startSimulatorProcess();
  // One first (it migrates), then the other: both at once is covered by the migrator's lock (vitest).
  a = await studio(3171);
  b = await studio(3172);
});

test.afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await sim?.close();
  await s3?.close();
  if (dbName) await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test("a job started on A is listed, pushed and cancelled on B, which aborts its upstream request", async () => {
  test.setTimeout(60_000);
  const health = await api<{ ok: boolean; db: string; storage: string; queue: string }>(b.origin, "/api/health");
  expect(health).toMatchObject({ ok: true, queue: "postgres" });
  await control("/faults", { kind: "hang", times: 1, path: "/v1/images/generations" });
  const projectId = await newProject(a.origin, "across");
  // B's stream is open before the job exists: what it shows comes from A's writes, over NOTIFY.
  const stream = await fetch(`${b.origin}/api/projects/${projectId}/events`, { headers: auth });
  expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const g = await post(a.origin, projectId);
  const listed = await api<{ generations: Gen[] }>(b.origin, `/api/projects/${projectId}/generations`);
  expect(listed.generations.map((x) => x.id)).toContain(g.id);
  const pushed = await readEvents(stream, (f) =>
    f.some((x) => x.event === "generation" && (x.data as Gen).id === g.id && (x.data as Gen).status === "running"),
  );
  expect(pushed.some((x) => x.event === "ready")).toBe(true);
  const cancelled = await api<{ generation: Gen }>(b.origin, `/api/projects/${projectId}/generations/${g.id}/cancel`, {
    method: "POST",
    body: {},
  });
  expect(cancelled.generation.status).toBe("cancelled");
  // The hang never answers: only the runner's abort ends the request, which the simulator logs as 499.
  await expect
    .poll(async () => {
      const state = (await control("")) as { requests: { path: string; status: number }[]; inFlight: { now: number } };
      return [state.inFlight.now, state.requests.filter((r) => r.path === "/v1/images/generations").at(-1)?.status];
    })
    .toEqual([0, 499]);
  expect((await status(a.origin, projectId, g.id)).status).toBe("cancelled");
  await control("/reset", {});
});

test("100 generations posted to A and B at once all succeed, never more than JOB_CONCURRENCY upstream", async () => {
  test.setTimeout(120_000);
  await control("/reset", {});
  await control("/latency", { ms: 150 });
  const projectId = await newProject(a.origin, "hundred");
  const posted = await Promise.all(Array.from({ length: 100 }, (_, i) => post(i % 2 ? b.origin : a.origin, projectId)));
  const done = await Promise.all(
    posted.map((g, i) => until(i % 2 ? a.origin : b.origin, projectId, g.id, ended, 90_000)),
  );
  expect(done.filter((g) => g.status !== "succeeded").map((g) => [g.status, g.error?.code])).toEqual([]);
  const state = (await control("")) as { inFlight: { peak: number } };
  expect(state.inFlight.peak).toBeGreaterThan(1);
  expect(state.inFlight.peak).toBeLessThanOrEqual(CAP);
  const ran = new Set((await owners(posted.map((g) => g.id))).map(pidOf));
  expect(ran.size).toBe(2); // both processes took jobs
  await control("/latency", { ms: 0 });
});

test("SIGKILL of A mid-job: B fails A's running jobs as interrupted within the lease and runs its queue", async () => {
  test.setTimeout(120_000);
  await control("/reset", {});
  const projectId = await newProject(a.origin, "kill");
  // Fill every slot with jobs that hang; retry until A holds at least one (which process claims is a race).
  let hung: Gen[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    await control("/faults", { kind: "hang", times: CAP, path: "/v1/images/generations" });
    hung = await Promise.all(Array.from({ length: CAP }, () => post(a.origin, projectId)));
    await Promise.all(hung.map((g) => until(b.origin, projectId, g.id, (x) => x.status === "running")));
    // Running is not yet sent: wait until every hang has its request (else a later job would take one).
    await expect.poll(async () => ((await control("")) as { inFlight: { now: number } }).inFlight.now).toBe(CAP);
    if ((await owners(hung.map((g) => g.id))).some((o) => a.owns(pidOf(o)))) break;
    await Promise.all(
      hung.map((g) =>
        api(b.origin, `/api/projects/${projectId}/generations/${g.id}/cancel`, { method: "POST", body: {} }),
      ),
    );
    await control("/reset", {});
  }
  const heldBy = await owners(hung.map((g) => g.id));
  const onA = hung.filter((_, i) => a.owns(pidOf(heldBy[i])));
  const onB = hung.filter((_, i) => b.owns(pidOf(heldBy[i])));
  expect(onA.length).toBeGreaterThan(0);
  const queued = await Promise.all(Array.from({ length: 3 }, () => post(a.origin, projectId)));

  const killedAt = Date.now();
  // The whole server at once (scripts/start.mjs and its `next start`), no chance to clean up.
  a.kill("SIGKILL");
  const failed = await Promise.all(onA.map((g) => until(b.origin, projectId, g.id, ended, (LEASE_S + 10) * 1000)));
  expect(Date.now() - killedAt).toBeLessThan((LEASE_S + 10) * 1000);
  expect(failed.map((g) => [g.status, g.error?.code])).toEqual(onA.map(() => ["failed", "interrupted"]));
  const rest = await Promise.all(queued.map((g) => until(b.origin, projectId, g.id, ended, 30_000)));
  expect(rest.map((g) => g.status)).toEqual(queued.map(() => "succeeded"));
  expect((await owners(queued.map((g) => g.id))).every((o) => b.owns(pidOf(o)))).toBe(true);
  for (const g of onB) {
    await api(b.origin, `/api/projects/${projectId}/generations/${g.id}/cancel`, { method: "POST", body: {} });
  }
});

test("no row without its object, no object without its row", async () => {
  const { rows } = await admin("select file_key, thumb_key from assets", dbUrl);
  const owned = new Set<string>();
  for (const r of rows as { file_key: string; thumb_key: string | null }[]) {
    owned.add(r.file_key);
    if (r.thumb_key) owned.add(r.thumb_key);
  }
  const root = path.join(s3.directory, s3.bucket, "studio");
  const stored = fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[])
        .filter((f) => f.endsWith("._S3rver_object"))
        .map((f) =>
          f
            .replace(/\._S3rver_object$/, "")
            .split(path.sep)
            .join("/"),
        )
    : [];
  expect(owned.size).toBeGreaterThan(100); // the hundred, with thumbnails
  expect(stored.filter((k) => !owned.has(k))).toEqual([]);
  expect([...owned].filter((k) => !stored.includes(k))).toEqual([]);
});
