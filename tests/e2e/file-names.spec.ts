/**
 * Original file names in the browser (docs/api.md "Assets" `originalName`): the tile, the detail view and the
 * editor's title show an upload's own name, and the browser saves a download and a ZIP export under it.
 */
import fs from "node:fs";
import JSZip from "jszip";
import { expect, test } from "@/tests/helpers/e2e-test";
import { makeImage } from "@/tests/helpers/images";
import { createProject, openStudio, tiles } from "@/tests/helpers/e2e";

const NAME = "春季新品 主图-01.jpg";

test("an upload's own name on the tile, in the detail view and the editor, and on what the browser saves", async ({
  page,
  request,
}) => {
  const projectId = await createProject(request, `春季上新 ${Date.now()}`);
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await makeImage(96, 64, "jpeg"))], { type: "image/jpeg" }), NAME);
  const res = await request.post(`/api/projects/${projectId}/assets`, { multipart: form });
  expect(res.status()).toBe(201);
  const [asset] = ((await res.json()) as { assets: { id: string; originalName: string | null }[] }).assets;
  expect(asset.originalName).toBe(NAME);

  await openStudio(page, projectId);
  const tile = tiles(page).first();
  await expect(tile.getByRole("img")).toHaveAttribute("alt", NAME);
  await expect(tile.locator("button[aria-pressed]")).toHaveAttribute("title", NAME);
  await expect(tile.getByTestId("tile-name")).toHaveText(NAME);

  await tile.hover();
  await tile.getByRole("button", { name: "Open details" }).click();
  const detail = page.getByTestId("asset-detail");
  await expect(detail.getByTestId("detail-facts")).toContainText(NAME);
  const [saved] = await Promise.all([
    page.waitForEvent("download"),
    detail.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(saved.suggestedFilename()).toBe(NAME);
  await page.keyboard.press("Escape");

  // The whole project as a ZIP, through the bulk bar: named after the project, the image under its name.
  await page.getByRole("button", { name: "Select all" }).click();
  const [zipped] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download ZIP" }).click(),
  ]);
  expect(zipped.suggestedFilename()).toMatch(/^春季上新 \d+-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/);
  const zip = await JSZip.loadAsync(fs.readFileSync((await zipped.path())!));
  expect(Object.keys(zip.files)).toContain(NAME);

  await page.goto(`/projects/${projectId}/assets/${asset.id}/edit`);
  await expect(page.getByTestId("editor-title")).toHaveText(NAME);
});
