#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then serve.
// Migrations and crash recovery run inside the server at boot (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "package.json",
  "package-lock.json",
];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

function needsBuild() {
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const run = (args) =>
  spawnSync(process.execPath, [next, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });

if (needsBuild()) {
  console.log("[atelier] building the studio (first start or changed sources)…");
  const b = run(["build"]);
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// The server runs as a child that this process waits for without blocking, so a SIGTERM or SIGINT sent to
// `npm start` (a container stop, Ctrl-C) reaches it; spawnSync would die alone and leave the server running.
const server = spawn(process.execPath, [next, "start", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 143)));
