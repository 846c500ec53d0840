#!/usr/bin/env node
// `npm run bench`: each scenario in its own process (so RSS figures do not mix); prints figures, asserts nothing.
// Pick scenarios with arguments: `npm run bench -- zip list`. `--pg` runs them on PostgreSQL instead of SQLite
// (a private cluster started here, a fresh database per scenario; Debian's postgresql package).
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startPgCluster } from "./pg-cluster.mjs";

const root = path.resolve(import.meta.dirname, "..");
const SCENARIOS = {
  zip: "zip-export.ts",
  "zip-jszip": "zip-jszip.ts",
  list: "asset-list.ts",
  overhead: "generation-overhead.ts",
  canvas: "canvas-and-cutout.ts",
  catalog: "catalog.ts",
  auth: "auth.ts",
  limits: "limits.ts",
  heavy: "heavy.ts",
  queue: "queue.ts",
};
const args = process.argv.slice(2);
const onPg = args.includes("--pg");
const named = args.filter((a) => a !== "--pg");
const picked = named.length ? named : Object.keys(SCENARIOS);
const cluster = onPg ? await startPgCluster() : undefined;
if (onPg && !cluster) {
  console.error("--pg: PostgreSQL is not installed (apt-get install -y postgresql)");
  process.exit(2);
}
// Interrupted (Ctrl-C, a kill): the private cluster goes too, not left running in /tmp.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cluster?.stop();
    process.exit(130);
  });
}

/** A fresh database on the cluster for one scenario. */
async function freshDatabase(name) {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const db = `bench_${name.replace(/\W/g, "_")}_${Date.now()}`;
  await client.query(`create database ${db}`);
  await client.end();
  const url = new URL(cluster.url);
  url.pathname = `/${db}`;
  return url.toString();
}
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

let failed = false;
for (const name of picked) {
  const file = SCENARIOS[name];
  if (!file) {
    console.error(`unknown scenario '${name}' (known: ${Object.keys(SCENARIOS).join(", ")})`);
    process.exit(2);
  }
  console.log(`\n▶ ${name}${onPg ? " (PostgreSQL)" : ""}`);
  const extra = onPg ? { DATABASE_URL: await freshDatabase(name) } : {};
  const r = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      tsx,
      "--tsconfig",
      path.join(root, "tsconfig.scripts.json"),
      path.join(root, "tests", "bench", file),
    ],
    { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra } },
  );
  if (r.status !== 0) failed = true;
}
cluster?.stop();
process.exit(failed ? 1 : 0);
