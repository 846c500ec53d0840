import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { releaseJobRunner } from "@/lib/jobs/runner";
import { resetLists } from "@/lib/catalog";
import { resetEnv } from "@/lib/env";
import { TEST_ADMIN_TOKEN } from "./http";

/**
 * The PostgreSQL leg of the test matrix (scripts/test.mjs): `ATELIER_TEST_PG_URL` names a server (its
 * `postgres` database); each suite gets a database of its own there, dropped afterwards.
 */
const PG_ADMIN_URL = process.env.ATELIER_TEST_PG_URL;

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `atelier_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/**
 * Give the calling test file its own empty data dir (database + files), removed afterwards; on the
 * PostgreSQL leg, its own database too.
 * `vars` are extra environment variables for the suite (e.g. SIMULATOR_ORIGIN).
 */
export function withTempDataDir(vars: () => Record<string, string | undefined> = () => ({})) {
  const state = { dir: "" };
  const saved: Record<string, string | undefined> = {};
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-test-"));
    database = PG_ADMIN_URL ? await freshDatabase() : undefined;
    const all = {
      STUDIO_DATA_DIR: state.dir,
      DATABASE_URL: database?.url,
      // Boot's sweep leaves young files alone on a shared database; these suites test it as one process.
      ...(database ? { ORPHAN_GRACE_S: "0" } : {}),
      DMXAPI_API_KEY: undefined,
      ARK_API_KEY: undefined,
      STUDIO_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      // Route tests address `http://x/…`; the routes that check the Host themselves (proxy.ts skips them) must
      // answer it. The Host check has its own suite (tests/integration/access/csrf-and-hosts.test.ts).
      STUDIO_ALLOWED_HOSTS: "*",
      ...vars(),
    };
    for (const [k, v] of Object.entries(all)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnv();
    resetLists();
    await closeDb();
  });
  afterAll(async () => {
    releaseJobRunner();
    await closeDb();
    await database?.drop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnv();
    fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
