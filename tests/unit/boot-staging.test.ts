/** Boot removes the staged files of upload batches a crash interrupted, next to its other sweeps. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { boot } from "@/lib/boot";
import { ADMIN_TOKEN_ACTOR } from "@/lib/auth/principal";
import { newId } from "@/lib/ids";
import { createProject } from "@/lib/projects";
import { saveAsset } from "@/lib/assets/save-asset";
import { assetFileKey, storage } from "@/lib/storage";
import { StagingArea } from "@/lib/storage/staging";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { makeImage } from "@/tests/helpers/images";
import { onLocalDisk } from "@/tests/helpers/stored";

const data = withTempDataDir();

describe("boot", () => {
  it("removes staged batches and files without rows, keeps what rows own", async () => {
    const project = await createProject(ADMIN_TOKEN_ACTOR, "boot staging");
    const kept = await saveAsset({
      projectId: project.id,
      kind: "upload",
      bytes: await makeImage(8, 8),
      createdBy: null,
    });
    // A batch the crash caught while receiving (staged only) and one caught moving in (moved, no rows).
    const receiving = await StagingArea.open();
    await receiving.write("0", [new Uint8Array(100)]);
    await receiving.write("1", [new Uint8Array(100)]);
    const moving = await StagingArea.open();
    const moved = await moving.write("0", [new Uint8Array([137, 80, 78, 71])]);
    const movedKey = assetFileKey(newId("ast"), "image/png");
    await moving.promote([{ file: moved, key: movedKey }]);
    await moving.write("0.thumb", [new Uint8Array(10)]);

    const report = await boot();
    // Promoting is a rename on the local disk; to S3 it is a put, the staged copy staying until the batch
    // is disposed of: there the moved file is still staged too.
    expect(report.stagedFiles).toBe(onLocalDisk() ? 3 : 4);
    expect(report.orphanFiles).toBe(1);
    expect(fs.readdirSync(path.join(data.dir, "files", ".staging"))).toEqual([]);
    expect(await storage().size(movedKey)).toBeNull();
    expect(await storage().size(kept.fileKey)).toBe(kept.bytes);
    expect(await storage().size(kept.thumbKey!)).toBeGreaterThan(0);
  });

  it("reports no staged files when there is no staging directory", async () => {
    fs.rmSync(path.join(data.dir, "files", ".staging"), { recursive: true, force: true });
    expect((await boot()).stagedFiles).toBe(0);
  });
});
