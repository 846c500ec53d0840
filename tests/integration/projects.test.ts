import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getProjects, POST as postProject } from "@/app/api/projects/route";
import {
  DELETE as deleteProject,
  GET as getProject,
  PATCH as patchProject,
} from "@/app/api/projects/[projectId]/route";
import { boot } from "@/lib/boot";
import { db } from "@/lib/db/client";
import { insertAssetRow } from "@/lib/db/assets";
import { markProjectDeleted } from "@/lib/db/projects";
import { newId } from "@/lib/ids";
import { assetFileKey, storage } from "@/lib/storage";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { ctx, errorOf, jsonRequest, rawRequest } from "@/tests/helpers/http";
import { isStored, onLocalDisk } from "@/tests/helpers/stored";

const data = withTempDataDir();

async function create(name: string) {
  const res = await postProject(jsonRequest("POST", "/api/projects", { name }), undefined);
  expect(res.status).toBe(201);
  return (
    (await res.json()) as {
      project: { id: string; name: string; assetCount: number; createdAt: string; updatedAt: string };
    }
  ).project;
}

/** Insert an asset row with a file, the way the asset pipeline will. */
async function seedAsset(projectId: string, kind: "upload" | "mask" = "upload") {
  const id = newId("ast");
  const key = assetFileKey(id, "image/png");
  await storage().put(key, new Uint8Array([137, 80, 78, 71]));
  await insertAssetRow({
    id,
    projectId,
    kind,
    mimeType: "image/png",
    width: 1,
    height: 1,
    bytes: 4,
    sha256: "x",
    parentAssetIds: [],
    fileKey: key,
    createdAt: new Date().toISOString(),
  });
  return { id, key };
}

describe("projects routes", () => {
  it("a card counts what the grid shows (no masks) and its 'updated' moves with activity", async () => {
    const p = await create("Activity");
    await seedAsset(p.id);
    await seedAsset(p.id, "mask");
    const read = async () =>
      (
        (await (await getProject(jsonRequest("GET", `/api/projects/${p.id}`), ctx({ projectId: p.id }))).json()) as {
          project: { assetCount: number; updatedAt: string };
        }
      ).project;
    const after = await read();
    expect(after.assetCount).toBe(1);
    expect(after.updatedAt > p.updatedAt).toBe(true);
    // An event (a job, a delete) moves it too, with no new image.
    await new Promise((r) => setTimeout(r, 5));
    const { publish } = await import("@/lib/events/bus");
    await publish(p.id, "asset.deleted", ["ast_00000000000000000000"]);
    expect((await read()).updatedAt > after.updatedAt).toBe(true);
    const listed = (
      (await (await getProjects(jsonRequest("GET", "/api/projects"), undefined)).json()) as {
        projects: { id: string; assetCount: number }[];
      }
    ).projects.find((x) => x.id === p.id);
    expect(listed?.assetCount).toBe(1);
  });

  it("creates, lists newest first, reads, renames", async () => {
    const a = await create("Spring sale");
    const b = await create("  春季促销  ");
    expect(a.id).toMatch(/^prj_/);
    expect(b.name).toBe("春季促销");
    expect(a.assetCount).toBe(0);
    expect(new Date(a.createdAt).toISOString()).toBe(a.createdAt);

    const list = (await (await getProjects(jsonRequest("GET", "/api/projects"), undefined)).json()) as {
      projects: { id: string }[];
    };
    expect(list.projects.map((p) => p.id).slice(0, 2)).toEqual([b.id, a.id]);

    const got = await getProject(jsonRequest("GET", `/api/projects/${a.id}`), ctx({ projectId: a.id }));
    expect(((await got.json()) as { project: { name: string } }).project.name).toBe("Spring sale");

    const renamed = await patchProject(
      jsonRequest("PATCH", `/api/projects/${a.id}`, { name: "Summer" }),
      ctx({ projectId: a.id }),
    );
    expect(renamed.status).toBe(200);
    const p = ((await renamed.json()) as { project: { name: string; updatedAt: string } }).project;
    expect(p.name).toBe("Summer");
    expect(p.updatedAt >= a.updatedAt).toBe(true);
  });

  it("answers 400 invalid_request for malformed JSON", async () => {
    const res = await postProject(rawRequest("POST", "/api/projects", "{name:"), undefined);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_request");
  });

  it("answers 400 with the field path for an empty or missing name, and unknown keys", async () => {
    for (const body of [{ name: "   " }, {}, { name: 42 }, { name: "ok", extra: true }, [], null]) {
      const res = await postProject(jsonRequest("POST", "/api/projects", body), undefined);
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe("invalid_request");
      expect(Array.isArray(err.details.issues)).toBe(true);
    }
    const res = await postProject(jsonRequest("POST", "/api/projects", { name: "" }), undefined);
    expect(((await errorOf(res)).details.issues as { path: string }[])[0].path).toBe("name");
  });

  it("answers 404 not_found for unknown and malformed ids on every verb", async () => {
    for (const id of ["prj_00000000000000000000", "nope", "../etc"]) {
      const c = ctx({ projectId: id });
      for (const res of [
        await getProject(jsonRequest("GET", `/api/projects/${id}`), c),
        await patchProject(jsonRequest("PATCH", `/api/projects/${id}`, { name: "x" }), c),
        await deleteProject(jsonRequest("DELETE", `/api/projects/${id}`), c),
      ]) {
        expect(res.status).toBe(404);
        expect((await errorOf(res)).code).toBe("not_found");
      }
    }
  });

  it("deletes a project with its asset rows and files; a second delete is 404", async () => {
    const p = await create("to delete");
    const asset = await seedAsset(p.id);
    expect(await isStored(asset.key)).toBe(true);
    const counted = (
      (await (await getProject(jsonRequest("GET", "/"), ctx({ projectId: p.id }))).json()) as {
        project: { assetCount: number };
      }
    ).project;
    expect(counted.assetCount).toBe(1);

    const res = await deleteProject(jsonRequest("DELETE", `/api/projects/${p.id}`), ctx({ projectId: p.id }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await isStored(asset.key)).toBe(false);
    expect(await db().selectFrom("assets").selectAll().where("id", "=", asset.id).executeTakeFirst()).toBeUndefined();
    expect((await getProject(jsonRequest("GET", "/"), ctx({ projectId: p.id }))).status).toBe(404);
    expect((await deleteProject(jsonRequest("DELETE", "/"), ctx({ projectId: p.id }))).status).toBe(404);
  });

  it("finishes a delete interrupted by a crash on the next boot", async () => {
    const p = await create("crashed mid-delete");
    const asset = await seedAsset(p.id);
    expect(await markProjectDeleted(p.id)).toBe(true); // step 1 done, then the process "died"
    expect((await getProject(jsonRequest("GET", "/"), ctx({ projectId: p.id }))).status).toBe(404);
    expect(await isStored(asset.key)).toBe(true);

    const report = await boot();
    expect(report.pendingDeletes).toBe(1);
    expect(await isStored(asset.key)).toBe(false);
    expect(await db().selectFrom("assets").selectAll().where("id", "=", asset.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("boot", () => {
  it("removes files without a row and stale temp files, keeps owned ones", async () => {
    const p = await create("boot sweep");
    const kept = await seedAsset(p.id);
    const orphanKey = assetFileKey(newId("ast"), "image/png");
    await storage().put(orphanKey, new Uint8Array([1, 2, 3])); // file written, row never inserted
    // What a crash mid-write leaves: on the local disk a temp file beside the store (`.tmp`, made by the
    // puts above); on S3 a `blob()` spool file of a process that ended (in `<data dir>/files/.spool`; stale
    // multipart uploads are the other kind, which s3rver cannot list).
    const stale = onLocalDisk()
      ? path.join(data.dir, "files", ".tmp", "half-written.png.abc")
      : path.join(data.dir, "files", ".spool", "999999999-deadbeef-0123456789abcdef.blob");
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, "partial");

    const report = await boot();
    expect(report.orphanFiles).toBe(1);
    expect(report.tempFiles).toBe(1);
    expect(fs.existsSync(stale)).toBe(false);
    expect(await isStored(orphanKey)).toBe(false);
    expect(await isStored(kept.key)).toBe(true);
  });
});

describe("project covers", () => {
  it("shows the newest pictures first, never masks, at most four", async () => {
    const { projectCovers, listAllProjects } = await import("@/lib/projects");
    const p = await create("covers");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await seedAsset(p.id)).id);
      await new Promise((r) => setTimeout(r, 3)); // distinct creation times: the order under test
    }
    await db().updateTable("assets").set({ kind: "mask" }).where("id", "=", ids[4]).execute();
    const covers = (await projectCovers((await listAllProjects()).filter((x) => x.id === p.id)))[p.id];
    expect(covers).toEqual([ids[3], ids[2], ids[1], ids[0]].map((id) => `/api/assets/${id}/file?variant=thumb`));
  });
});
