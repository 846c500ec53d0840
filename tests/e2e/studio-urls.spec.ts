import { expect, test } from "@/tests/helpers/e2e-test";
import { createProject, openStudio, shot, tiles, uploadImages } from "@/tests/helpers/e2e";

/* What users link to and come back to: the open image, the filter and the prompt survive a reload; Back closes
   the image before it leaves the page; a link to a deleted image says so. */
test.describe("studio addresses", () => {
  let projectId: string;
  let ids: string[];
  test.beforeEach(async ({ request }) => {
    projectId = await createProject(request);
    ids = await uploadImages(request, projectId, 3);
  });

  test("the open image and the filter are in the address; Back closes the image first", async ({ page }) => {
    await page.goto("/");
    await openStudio(page, projectId);
    await page.getByRole("button", { name: "Uploads", exact: true }).click();
    await expect(page).toHaveURL(/[?&]kind=upload/);
    const first = await tiles(page).first().getAttribute("data-asset-id");
    await tiles(page).first().hover();
    await tiles(page).first().getByRole("button", { name: "Open details" }).click();
    const detail = page.getByTestId("asset-detail");
    await expect(detail).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]asset=${first}`));

    // A reload (or the link sent to a teammate) opens the same image over the same filter.
    await page.reload();
    await expect(detail).toBeVisible();
    await expect(page.getByRole("button", { name: "Uploads", exact: true })).toHaveAttribute("aria-pressed", "true");
    await shot(page, "urls-01-detail-from-link");

    // Back closes the image, and only then leaves the studio.
    await page.goBack();
    await expect(detail).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}\\?kind=upload$`));
    await tiles(page).first().hover();
    await tiles(page).first().getByRole("button", { name: "Open details" }).click();
    await expect(detail).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(detail).toHaveCount(0);
    await expect(page).not.toHaveURL(/asset=/);
  });

  test("the prompt being written comes back after a reload", async ({ page }) => {
    await openStudio(page, projectId);
    await page.getByLabel("Prompt").fill("a linen shirt folded on a chair");
    await page.reload();
    await expect(page.getByLabel("Prompt")).toHaveValue("a linen shirt folded on a chair");
  });

  test("a link to a deleted image's editor says it was deleted, with the way back", async ({ page, request }) => {
    expect((await request.delete(`/api/assets/${ids[1]}`)).status()).toBe(204);
    await page.goto(`/projects/${projectId}/assets/${ids[1]}/edit`);
    const gone = page.getByTestId("asset-deleted");
    await expect(gone).toContainText("This image was deleted");
    await shot(page, "urls-02-deleted-image");
    await gone.getByRole("link", { name: /^Back to / }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
    await expect(tiles(page)).toHaveCount(2);
    // Never an image of this project: still the plain 404.
    const res = await page.goto(`/projects/${projectId}/assets/ast_00000000000000000000/edit`);
    expect(res?.status()).toBe(404);
  });
});

test("the editor page hydrates without an error (React #418)", async ({ page, request }) => {
  const projectId = await createProject(request);
  const [id] = await uploadImages(request, projectId, 1);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  // With a cutout session in this browser's storage (what the server cannot know), then each tab again.
  await page.goto(`/projects/${projectId}/assets/${id}/edit?tab=cutout`);
  await page.getByTestId("cutout-run-button").click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="succeeded"]')).toHaveCount(1);
  for (const tab of ["cutout", "inpaint"]) {
    await page.goto(`/projects/${projectId}/assets/${id}/edit?tab=${tab}`);
    await expect(page.getByRole("heading").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await expect(page.locator('[data-testid="cutout-run"]')).toHaveCount(0); // inpaint tab now
  await page.goto(`/projects/${projectId}/assets/${id}/edit?tab=cutout`);
  await expect(page.locator('[data-testid="cutout-run"][data-status="succeeded"]')).toHaveCount(1);
  expect(problems.filter((p) => /418|hydrat/i.test(p))).toEqual([]);
});
