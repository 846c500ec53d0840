// A private PostgreSQL cluster for the test matrix: initdb in a temp dir, started on a free loopback port with
// durability off (tests, not data), stopped and removed afterwards. Debian's postgresql package is enough;
// as root, the cluster runs as the `postgres` user (initdb refuses root).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function binDir() {
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    const root = "/usr/lib/postgresql";
    const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
    for (const v of versions) if (fs.existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
    return null;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Null when PostgreSQL is not installed; else `{ url, stop }` (url: the cluster's `postgres` database). */
export async function startPgCluster() {
  const bin = binDir();
  if (!bin || !fs.existsSync(path.join(bin, "initdb"))) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) fs.chownSync(dir, ...ids("postgres"));
  const run = (cmd, args) => {
    const full = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const r = spawnSync(full[0], full[1], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "atelier", "--no-sync"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  return {
    url: `postgres://atelier@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function ids(user) {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no '${user}' user to run PostgreSQL as (install Debian's postgresql package)`);
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}
