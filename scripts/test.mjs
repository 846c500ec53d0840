#!/usr/bin/env node
// `npm test`: lint, format check, typecheck, vitest (unit + route-handler integration + simulator), then a production
// build and Playwright e2e against it. Every step runs even if an earlier one failed; the last line is
// `N passed, M failed` over every test of every runner (lint and typecheck count as one check each).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startPgCluster } from "./pg-cluster.mjs";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FORCE_COLOR: process.env.CI ? "0" : process.env.FORCE_COLOR,
};

const started = Date.now();
let passed = 0;
let failed = 0;
const lines = [];

function run(label, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  return { ok: r.status === 0, secs };
}

function check(label, args) {
  const { ok, secs } = run(label, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${label}: ${ok ? "ok" : "FAILED"} (${secs}s)`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

check("lint", [bin("eslint", "bin/eslint.js"), ".", "--max-warnings=0"]);
check("format", [bin("prettier", "bin/prettier.cjs"), "--check", ".", "--log-level=warn"]);
check("typecheck", [bin("typescript", "bin/tsc"), "--noEmit", "-p", "."]);

/** The whole vitest suite once, on the backend `extraEnv` names. */
function vitest(label, extraEnv = {}) {
  const out = path.join(results, `${label.replace(/\W+/g, "-")}.json`);
  fs.rmSync(out, { force: true });
  const v = run(
    label,
    [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    extraEnv,
  );
  const vj = readJson(out);
  if (vj) {
    passed += vj.numPassedTests;
    failed += vj.numFailedTests + (v.ok || vj.numFailedTests ? 0 : 1);
    lines.push(`${label}: ${vj.numPassedTests} passed, ${vj.numFailedTests} failed (${v.secs}s)`);
  } else {
    failed++;
    lines.push(`${label}: did not report (${v.secs}s)`);
  }
}

// The matrix: the same suite on SQLite + local disk, then on PostgreSQL (a private cluster started here) + S3
// (an s3rver per suite, tests/helpers/data-dir.ts); docs/data.md.
vitest("vitest sqlite");
const pg = await startPgCluster().catch((err) => {
  console.error(`PostgreSQL cluster did not start: ${err.message}`);
  return undefined;
});
// Kept running for the e2e scale-out spec (two studio servers on it); stopped at the end.
process.on("exit", () => pg?.stop());
if (pg) {
  vitest("vitest postgres+s3", { ATELIER_TEST_PG_URL: pg.url });
} else {
  // A developer machine without PostgreSQL skips the leg and says so; CI must have it.
  const why = pg === null ? "PostgreSQL is not installed (apt-get install -y postgresql)" : "the cluster did not start";
  lines.push(`vitest postgres+s3: ${process.env.CI ? "FAILED" : "skipped"} (${why})`);
  if (process.env.CI) failed++;
}

const build = run("next build", [bin("next", "dist/bin/next"), "build"]);
lines.push(`build: ${build.ok ? "ok" : "FAILED"} (${build.secs}s)`);
if (!build.ok) failed++;
else {
  const pwOut = path.join(results, "playwright.json");
  fs.rmSync(pwOut, { force: true });
  const e2e = run("playwright e2e", [bin("@playwright/test", "cli.js"), "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut,
    ...(pg ? { ATELIER_TEST_PG_URL: pg.url } : {}),
  });
  const pj = readJson(pwOut);
  if (pj?.stats) {
    const ok = pj.stats.expected + (pj.stats.flaky ?? 0);
    const bad = pj.stats.unexpected + (e2e.ok || pj.stats.unexpected ? 0 : 1);
    passed += ok;
    failed += bad;
    lines.push(`e2e: ${ok} passed, ${pj.stats.unexpected} failed, ${pj.stats.skipped} skipped (${e2e.secs}s)`);
  } else {
    failed++;
    lines.push(`e2e: did not report (${e2e.secs}s)`);
  }
}

lines.push(`total: ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
