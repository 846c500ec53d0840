import fs from "node:fs";
import JSZip from "jszip";
import { expect, test } from "@/tests/helpers/e2e-test";
import { makeImage } from "@/tests/helpers/images";
import { clickTile, createProject, generateViaApi, openStudio, shot, tiles, uploadImages } from "@/tests/helpers/e2e";

test.describe("studio asset grid", () => {
  let projectId: string;
  test.beforeEach(async ({ request }) => {
    projectId = await createProject(request);
  });

  test("select 3 (click, Shift-click, Ctrl-click) and download a valid ZIP", async ({ page, request }) => {
    await uploadImages(request, projectId, 5);
    await openStudio(page, projectId);
    await expect(tiles(page)).toHaveCount(5);

    await clickTile(page, 0);
    await clickTile(page, 1, ["Shift"]);
    await clickTile(page, 3, ["ControlOrMeta"]);
    await expect(page.getByTestId("bulk-count")).toHaveText("3 selected");
    await expect(tiles(page).and(page.locator("[data-selected=true]"))).toHaveCount(3);
    await shot(page, "05-selection-bulk-bar");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download ZIP" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file("manifest.json")).not.toBeNull();
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as unknown[];
    expect(manifest).toHaveLength(3);
    expect(Object.keys(zip.files).filter((n) => /\.(png|jpe?g|webp)$/.test(n))).toHaveLength(3);

    await page.keyboard.press("Escape");
    await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  });

  test("exports the selection as CSV and JSON", async ({ page, request }) => {
    await uploadImages(request, projectId, 2);
    await openStudio(page, projectId);
    await page.getByRole("button", { name: "Select all" }).click();
    await expect(page.getByTestId("bulk-count")).toHaveText("2 selected");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await csv.path())!, "utf8").replace(/^\uFEFF/, "");
    expect(text.split(/\r?\n/)[0]).toContain("id");
    expect(text.trim().split(/\r?\n/)).toHaveLength(3);

    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const rows = JSON.parse(fs.readFileSync((await json.path())!, "utf8")) as { projectId: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.projectId === projectId)).toBe(true);
  });

  test("bulk delete asks first, then removes the selection everywhere", async ({ page, request }) => {
    await uploadImages(request, projectId, 4);
    await openStudio(page, projectId);
    await clickTile(page, 0);
    await clickTile(page, 2, ["Shift"]);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Delete 3 images?");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.getByTestId("toast").filter({ hasText: "3 images deleted" })).toBeVisible();
    await page.reload();
    await expect(tiles(page)).toHaveCount(1);

    // The Delete key does the same for the selection.
    await clickTile(page, 0);
    await page.keyboard.press("Delete");
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("assets-empty")).toBeVisible();
  });

  test("the detail view shows what is known and deletes a single asset", async ({ page, request }) => {
    await generateViaApi(request, projectId, "studio shot of a leather wallet, soft light", 2);
    await openStudio(page, projectId);
    await expect(tiles(page)).toHaveCount(2);
    await tiles(page).first().hover();
    await tiles(page).first().getByRole("button", { name: "Open details" }).click();

    const detail = page.getByTestId("asset-detail");
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId("detail-prompt")).toHaveText("studio shot of a leather wallet, soft light");
    await expect(detail.getByTestId("detail-facts")).toContainText("GPT Image 2");
    await expect(detail.getByTestId("detail-params")).toContainText("Images");
    await expect(detail.getByTestId("detail-usage")).toBeVisible();
    await expect(detail.getByRole("link", { name: "Download" })).toHaveAttribute(
      "href",
      /\/api\/assets\/ast_\w+\/file\?download=1$/,
    );
    await shot(page, "06-detail-view");

    await detail.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this image?" }).getByRole("button", { name: "Delete" }).click();
    await expect(detail).toHaveCount(0);
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.getByTestId("toast").filter({ hasText: "Image deleted" })).toBeVisible();
  });

  test("per-asset delete from the grid card", async ({ page, request }) => {
    await uploadImages(request, projectId, 2);
    await openStudio(page, projectId);
    await tiles(page).first().hover();
    await tiles(page).first().getByRole("button", { name: "Delete image" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(tiles(page)).toHaveCount(1);
  });

  test("use as edit input switches the panel to edit with the image as a chip, and edits", async ({
    page,
    request,
  }) => {
    await uploadImages(request, projectId, 1);
    await openStudio(page, projectId);
    // A model that cannot edit (Seedream 3.0 is text-to-image only): taking an image as input must switch it.
    await page.getByLabel("Model", { exact: true }).selectOption("doubao-seedream-3-0-t2i-250415");
    await tiles(page).first().dblclick();
    await page.getByTestId("asset-detail").getByRole("button", { name: "Use as edit input" }).click();
    await expect(page.getByTestId("asset-detail")).toHaveCount(0);
    await expect(
      page.getByRole("radiogroup", { name: "Operation" }).getByRole("radio", { name: "Edit" }),
    ).toHaveAttribute("aria-checked", "true");
    await expect(page.getByLabel("Model", { exact: true })).not.toHaveValue("doubao-seedream-3-0-t2i-250415");
    await expect(page.getByTestId("input-chip")).toHaveCount(1);

    await page.getByLabel("Prompt").fill("put the product on a marble table");
    await shot(page, "09-edit-with-input");
    await page.getByRole("button", { name: /^Edit images/ }).click();
    await expect(page.getByTestId("job-card").first()).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(tiles(page)).toHaveCount(2);
    await page.getByRole("button", { name: "Edits", exact: true }).click();
    await expect(tiles(page)).toHaveCount(1);
    await tiles(page).first().dblclick();
    await expect(page.getByTestId("detail-lineage").getByRole("button")).toHaveCount(1);

    await page.getByTestId("asset-detail").getByRole("button", { name: "Close" }).click();
    await page.getByTestId("input-chip").getByRole("button", { name: "Remove input image 1" }).click();
    await expect(page.getByTestId("input-chip")).toHaveCount(0);
    await expect(page.getByTestId("submit-hint")).toHaveText("Add at least one input image to edit.");
  });

  test("uploads several files from the picker and explains wrong types", async ({ page }) => {
    await openStudio(page, projectId);
    const png = await makeImage(80, 60, "png");
    const jpeg = await makeImage(60, 80, "jpeg");
    await page.getByTestId("upload-input").setInputFiles([
      { name: "a.png", mimeType: "image/png", buffer: png },
      { name: "b.jpg", mimeType: "image/jpeg", buffer: jpeg },
    ]);
    await expect(tiles(page)).toHaveCount(2);
    await expect(page.getByTestId("toast").filter({ hasText: "2 images uploaded" })).toBeVisible();

    await page
      .getByTestId("upload-input")
      .setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") }]);
    await expect(
      page.getByTestId("toast").filter({ hasText: "only PNG, JPEG and WebP images are accepted: notes.txt" }),
    ).toBeVisible();

    // Named and typed as PNG but not one by content: the server's 415 message is shown.
    const gif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=", "base64");
    await page.getByTestId("upload-input").setInputFiles([{ name: "fake.png", mimeType: "image/png", buffer: gif }]);
    await expect(page.getByTestId("toast").filter({ hasText: "Upload refused:" })).toBeVisible();
    await expect(tiles(page)).toHaveCount(2);
  });

  test("accepts images dropped onto the studio", async ({ page }) => {
    await openStudio(page, projectId);
    const png = (await makeImage(50, 50, "png")).toString("base64");
    const data = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
      return dt;
    }, png);
    const zone = page.getByTestId("upload-zone");
    await zone.dispatchEvent("dragenter", { dataTransfer: data });
    await expect(page.getByTestId("drop-overlay")).toBeVisible();
    await zone.dispatchEvent("drop", { dataTransfer: data });
    await expect(tiles(page)).toHaveCount(1);
  });
});

test.describe("studio asset grid at scale", () => {
  test("pages in by keyset cursor while scrolling and keeps the DOM small", async ({ page, request }) => {
    test.setTimeout(120_000);
    const projectId = await createProject(request);
    for (let i = 0; i < 6; i++) await uploadImages(request, projectId, 50);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openStudio(page, projectId);
    await expect(page.getByTestId("asset-count")).toHaveText("120+ images");
    // Virtualized: only the rows in view (plus overscan) are in the DOM.
    expect(await tiles(page).count()).toBeLessThan(80);
    await shot(page, "08-many-assets-1280");

    const grid = page.getByTestId("asset-grid");
    for (const expected of ["240+ images", "300 images"]) {
      await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(page.getByTestId("asset-count")).toHaveText(expected);
    }
    expect(await tiles(page).count()).toBeLessThan(80);

    // Select all covers every asset, not only the rows in the DOM.
    await page.keyboard.press("ControlOrMeta+a");
    await expect(page.getByTestId("bulk-count")).toHaveText("300 selected");
  });
});
