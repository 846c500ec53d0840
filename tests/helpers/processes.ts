/**
 * Child processes for tests that need more than one process: a simulator of its own and whole studio
 * servers (`scripts/start.mjs`, a production build). Node-only imports: usable from vitest, Playwright
 * specs and bench scripts alike.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();

export interface ChildHandle {
  child: ChildProcess;
  pid: number;
  /** Ends it (stdin closed, then SIGTERM) and waits for it to exit. */
  close: () => Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once("exit", () => r()));
}

/** Run a tests/helpers script with tsx; resolves with the first stdout match of `ready`. */
async function startTsxChild(
  script: string,
  ready: RegExp,
  env: Record<string, string>,
): Promise<ChildHandle & { match: RegExpExecArray }> {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const args = [tsx, "--tsconfig", path.join(root, "tsconfig.scripts.json"), path.join(root, "tests/helpers", script)];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "inherit"] });
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve(m);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited ${code}`)));
  });
  return {
    child,
    pid: child.pid!,
    match,
    close: async () => {
      child.stdin!.end();
      await exitOf(child);
    },
  };
}

/** The simulator in a child (./simulator-child.ts): answers its origin. */
export async function startSimulatorProcess(
  env: Record<string, string> = {},
): Promise<ChildHandle & { origin: string }> {
  const c = await startTsxChild("simulator-child.ts", /origin (\S+)/, env);
  return { ...c, origin: c.match[1] };
}

export interface S3rverProcess extends ChildHandle {
  endpoint: string;
  bucket: string;
  /** The folder s3rver keeps the bucket in (`<directory>/<bucket>/<key>._S3rver_object`). */
  directory: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** s3rver in a child (./s3rver-child.ts), with one bucket. */
export async function startS3rverProcess(bucket: string): Promise<S3rverProcess> {
  const c = await startTsxChild("s3rver-child.ts", /s3rver (\{.*\})\n/, { S3RVER_BUCKET: bucket });
  return { ...c, ...(JSON.parse(c.match[1]) as Omit<S3rverProcess, keyof ChildHandle>) };
}

/** The process group of `pid` (Linux /proc), or undefined when it is gone. */
export function processGroupOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses, so split after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

export interface StudioProcess extends ChildHandle {
  origin: string;
  stderr: () => string;
  /** Signal the whole server (scripts/start.mjs and the `next start` under it: one process group). */
  kill: (signal: NodeJS.Signals) => void;
  /** Does `pid` (e.g. of a job lease's owner) belong to this server? */
  owns: (pid: number) => boolean;
}

/**
 * A studio server (`node scripts/start.mjs`, which builds first if there is no build) on 127.0.0.1:`port`,
 * in a process group of its own.
 */
export async function startStudioProcess(
  port: number,
  env: Record<string, string>,
  opts: { timeoutMs?: number } = {},
): Promise<StudioProcess> {
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  let err = "";
  child.stderr!.on("data", (d: Buffer) => void (err = (err + d.toString()).slice(-20_000)));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`studio on ${port} exited ${child.exitCode}: ${err}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`studio on ${port} did not become healthy: ${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    pid: child.pid!,
    origin,
    stderr: () => err,
    kill,
    owns: (pid) => processGroupOf(pid) === child.pid,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) kill("SIGTERM");
      await exitOf(child);
    },
  };
}
