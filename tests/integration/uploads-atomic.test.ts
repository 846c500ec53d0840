/**
 * An upload is one batch: its rows (and its audit event) commit in one transaction, so others see all of
 * it or none of it, and a crash at any point — SIGKILL while the body streams, while the thumbnails are
 * made, while the files move into place — leaves, after the next boot, all of the batch or none of it,
 * with no file lacking its row and no row lacking its file.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postProject } from "@/app/api/projects/route";
import { boot } from "@/lib/boot";
import type { Asset } from "@/lib/contracts/assets";
import { db } from "@/lib/db/client";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { authedRequest, ctx, errorOf, jsonRequest, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { storedKeys } from "@/tests/helpers/stored";
import { diskState, projectAssetRows, stagedFiles } from "./uploads-helpers";

const data = withTempDataDir();

async function newProject(): Promise<string> {
  const res = await postProject(jsonRequest("POST", "/api/projects", { name: "atomic" }), undefined);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

const uploadReq = (projectId: string, form: FormData) =>
  authedRequest(`http://127.0.0.1/api/projects/${projectId}/assets`, { method: "POST", body: form });

async function visibleCount(projectId: string): Promise<number> {
  const r = await db()
    .selectFrom("assets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", projectId)
    .where("deletedAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function uploadEvents(projectId: string) {
  const rows = await db().selectFrom("auditEvents").selectAll().where("action", "=", "asset.upload").execute();
  return rows
    .map((e) => ({ ...e, targetIds: JSON.parse(e.targetIds) as string[], details: JSON.parse(e.details) as unknown }))
    .filter((e) => (e.details as { projectId?: string }).projectId === projectId);
}

describe("an upload is one batch", () => {
  it("appears all at once to others, with one audit event naming every asset", async () => {
    const projectId = await newProject();
    const images = await Promise.all(Array.from({ length: 30 }, (_, i) => makeImage(200 + i, 200)));
    const form = multipart(images.map((value, i) => ({ name: "file", value, filename: `${i}.png` })));
    const seen = new Set<number>();
    let done = false;
    const watcher = (async () => {
      while (!done) {
        seen.add(await visibleCount(projectId));
        await new Promise((r) => setImmediate(r));
      }
    })();
    const res = await upload(uploadReq(projectId, form), ctx({ projectId }));
    done = true;
    await watcher;
    expect(res.status).toBe(201);
    const body = (await res.json()) as { assets: Asset[] };
    expect(body.assets.map((a) => a.width)).toEqual(images.map((_, i) => 200 + i)); // in the order sent
    expect([...seen].filter((n) => n !== 0 && n !== 30)).toEqual([]);
    const events = await uploadEvents(projectId);
    expect(events).toHaveLength(1);
    expect(events[0].targetIds).toEqual(body.assets.map((a) => a.id));
  });

  it("a refused batch leaves no row, no audit event and no file", async () => {
    const projectId = await newProject();
    const good = await makeImage(64, 64);
    const truncated = good.subarray(0, good.length - 40); // a readable header, a body cut short
    const res = await upload(
      uploadReq(
        projectId,
        multipart([
          ...Array.from({ length: 5 }, (_, i) => ({ name: "file", value: good, filename: `${i}.png` })),
          { name: "file", value: truncated, filename: "cut.png" },
        ]),
      ),
      ctx({ projectId }),
    );
    await errorOf(res, 415, "unsupported_media_type");
    expect(await projectAssetRows(projectId)).toEqual([]);
    expect(await uploadEvents(projectId)).toEqual([]);
    const disk = await diskState(data.dir);
    expect(disk.orphans).toEqual([]);
    expect(disk.staged).toEqual([]);
  });
});

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const CHILD = path.join(process.cwd(), "tests", "integration", "uploads-crash-child.ts");
const FILES = 50;

/**
 * Run the 50-file upload in a child process (on this suite's database and store: it inherits the
 * environment) and SIGKILL it the moment `when` holds for the data dir (polled every millisecond, one check
 * at a time); then boot here, on the same data dir, as the restarted server would.
 */
async function crashRun(when: (dir: string) => boolean | Promise<boolean>) {
  const projectId = await newProject();
  const child = spawn(process.execPath, [TSX, "--tsconfig", "tsconfig.scripts.json", CHILD], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      STUDIO_DATA_DIR: data.dir,
      STUDIO_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PROJECT_ID: projectId,
      UPLOAD_FILES: String(FILES),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // tsx runs the script in a process of its own: the kill goes to the whole group.
    detached: true,
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (err += String(d)));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  let killed = false;
  let checking = false;
  const timer = setInterval(() => {
    if (killed || checking || !out.includes("ready")) return;
    checking = true;
    void Promise.resolve(when(data.dir))
      .then((now) => {
        if (now && !killed) {
          process.kill(-child.pid!, "SIGKILL");
          killed = true;
        }
      })
      .catch(() => undefined) // a check racing the child's writes: the next one decides
      .finally(() => (checking = false));
  }, 1);
  const signal = await exited;
  clearInterval(timer);
  if (!killed)
    expect(out, err).toContain("status 201"); // it finished before the moment came
  else expect(signal).toBe("SIGKILL");
  const report = await boot();
  const rows = await projectAssetRows(projectId);
  const disk = await diskState(data.dir);
  return { killed, report, rows, disk, projectId };
}

const staged = stagedFiles;

describe("an upload killed part-way, then a boot", () => {
  // Each run starts from an empty store: rows gone, their files swept by boot as orphans.
  beforeEach(async () => {
    await db().deleteFrom("assets").execute();
    await boot();
  });

  for (const [moment, when, mustKill] of [
    ["while the body streams (20 files staged)", (dir: string) => staged(dir).length >= 20, true],
    [
      "while the thumbnails are made (20 staged)",
      (dir: string) => staged(dir).filter((f) => f.endsWith(".thumb")).length >= 20,
      true,
    ],
    ["while the files move into place (10 moved)", async () => (await storedKeys("assets/")).length >= 10, false],
  ] as const) {
    it(`leaves all of the batch or none of it: killed ${moment}`, async () => {
      expect(await storedKeys("assets/")).toEqual([]);
      const { killed, report, rows, disk } = await crashRun(when);
      if (mustKill) expect(killed).toBe(true);
      expect([0, FILES]).toContain(rows.length);
      expect(disk.staged).toEqual([]);
      expect(disk.orphans).toEqual([]);
      expect(disk.missing).toEqual([]);
      if (killed && rows.length === 0) expect(report.stagedFiles + report.orphanFiles).toBeGreaterThan(0);
    }, 60_000);
  }
});
