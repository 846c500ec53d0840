#!/usr/bin/env node
// `npm run bench`: each scenario in its own process (so RSS figures do not mix); prints figures, asserts nothing.
// Pick scenarios with arguments: `npm run bench -- zip list`.
import { spawnSync } from "node:child_process";
import path from "node:path";

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
};
const picked = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

let failed = false;
for (const name of picked) {
  const file = SCENARIOS[name];
  if (!file) {
    console.error(`unknown scenario '${name}' (known: ${Object.keys(SCENARIOS).join(", ")})`);
    process.exit(2);
  }
  console.log(`\n▶ ${name}`);
  const r = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      tsx,
      "--tsconfig",
      path.join(root, "tsconfig.scripts.json"),
      path.join(root, "tests", "bench", file),
    ],
    { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
