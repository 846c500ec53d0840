import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { releaseJobRunner } from "@/lib/jobs/runner";
import { resetLists } from "@/lib/catalog";
import { resetEnv } from "@/lib/env";
import { closeStorage } from "@/lib/storage";
import { TEST_ADMIN_TOKEN } from "./http";
import { startS3rver, type S3rverHandle } from "./s3rver";

/**
 * The PostgreSQL + S3 leg of the test matrix (scripts/test.mjs): `ATELIER_TEST_PG_URL` names a server (its
 * `postgres` database); each suite gets a database of its own there, dropped afterwards, and an s3rver of
 * its own (in this process, on 127.0.0.1) holding its files, closed afterwards.
 *
 * `ATELIER_TEST_S3` overrides where files go, for debugging: `0` keeps them on the local disk on the
 * PostgreSQL leg (PostgreSQL + local files), `1` puts them on s3rver on the SQLite leg too.
 */
const PG_ADMIN_URL = process.env.ATELIER_TEST_PG_URL;
const S3_SWITCH = process.env.ATELIER_TEST_S3;
const ON_S3 = S3_SWITCH === "1" || (S3_SWITCH !== "0" && PG_ADMIN_URL !== undefined && PG_ADMIN_URL !== "");

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

/** Where a suite's store keeps its objects in its bucket: under a prefix, as a deployment would. */
export const TEST_S3_PREFIX = "studio/";

/** The environment of a store on `s3`. */
function s3Vars(s3: S3rverHandle): Record<string, string> {
  return {
    STORAGE_URL: `s3://${s3.bucket}/${TEST_S3_PREFIX}`,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
  };
}

/**
 * Give the calling test file its own empty data dir (database + files), removed afterwards; on the
 * PostgreSQL leg, its own database and its own S3 bucket (s3rver) too.
 * `vars` are extra environment variables for the suite (e.g. SIMULATOR_ORIGIN); a suite that names
 * `DATABASE_URL` or `STORAGE_URL` there (even as undefined) keeps that choice: no database or s3rver is
 * made for it.
 */
export function withTempDataDir(vars: () => Record<string, string | undefined> = () => ({})) {
  const state: { dir: string; s3?: S3rverHandle } = { dir: "" };
  const saved: Record<string, string | undefined> = {};
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-test-"));
    const own = vars();
    database = PG_ADMIN_URL && !("DATABASE_URL" in own) ? await freshDatabase() : undefined;
    state.s3 = ON_S3 && !("STORAGE_URL" in own) ? await startS3rver() : undefined;
    const all = {
      STUDIO_DATA_DIR: state.dir,
      DATABASE_URL: database?.url,
      // Boot's sweep leaves young files alone on a shared database; these suites test it as one process.
      ...(database ? { ORPHAN_GRACE_S: "0" } : {}),
      // Without STORAGE_URL the files are `<data dir>/files` (a STORAGE_URL of the shell must not leak in).
      STORAGE_URL: undefined,
      ...(state.s3 ? s3Vars(state.s3) : {}),
      DMXAPI_API_KEY: undefined,
      ARK_API_KEY: undefined,
      STUDIO_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      // Route tests address `http://x/…`; the routes that check the Host themselves (proxy.ts skips them) must
      // answer it. The Host check has its own suite (tests/integration/access/csrf-and-hosts.test.ts).
      STUDIO_ALLOWED_HOSTS: "*",
      ...own,
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
    closeStorage();
    await state.s3?.close();
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
