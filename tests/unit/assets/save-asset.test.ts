/** A single save (cutouts) into a project whose delete has begun: 404, and its files go again. */
import { describe, expect, it } from "vitest";
import { saveAsset, saveGenerationAsset } from "@/lib/assets/save-asset";
import { ADMIN_TOKEN_ACTOR } from "@/lib/auth/principal";
import { markProjectDeleted } from "@/lib/db/projects";
import { createProject } from "@/lib/projects";
import { storage } from "@/lib/storage";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { makeImage } from "@/tests/helpers/images";

withTempDataDir();

const files = async () => [...(await storage().list("assets/")), ...(await storage().list("thumbs/"))];

describe("saveAsset", () => {
  it("saves into a live project, and refuses (404, no file left) once its delete has begun", async () => {
    const project = await createProject(ADMIN_TOKEN_ACTOR, "save");
    const bytes = await makeImage(16, 16);
    const row = await saveAsset({ projectId: project.id, kind: "cutout", bytes, createdBy: null });
    expect(row.projectId).toBe(project.id);
    const before = await files();
    expect(before).toEqual(expect.arrayContaining([row.fileKey, row.thumbKey]));

    await markProjectDeleted(project.id);
    await expect(saveAsset({ projectId: project.id, kind: "cutout", bytes, createdBy: null })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await files()).toEqual(before);
  });

  it("drops a job's result for a project being deleted (undefined, files removed)", async () => {
    const project = await createProject(ADMIN_TOKEN_ACTOR, "save job");
    await markProjectDeleted(project.id);
    const before = await files();
    const saved = await saveGenerationAsset({
      projectId: project.id,
      generationId: "gen_00000000000000000000",
      kind: "generated",
      bytes: await makeImage(16, 16),
      createdBy: null,
    });
    expect(saved).toBeUndefined();
    expect(await files()).toEqual(before);
  });
});
