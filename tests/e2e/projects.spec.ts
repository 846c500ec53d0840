import { expect, test } from "@/tests/helpers/e2e-test";

test.describe("projects home", () => {
  test("shows the simulator banner on every page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("simulator-banner")).toContainText("Simulated upstream");
  });

  test("creates, renames, opens and deletes a project", async ({ page }) => {
    await page.goto("/");
    const name = `Spring sale ${Date.now()}`;
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "New project" }).click();
    const card = page.getByTestId("project-card").filter({ hasText: name });
    await expect(card).toBeVisible();
    await expect(page.getByTestId("toast").filter({ hasText: "Project created" })).toBeVisible();

    // Survives a reload: it is on the server.
    await page.reload();
    await expect(card).toBeVisible();

    await card.getByRole("button", { name: `Rename ${name}` }).click();
    const renamed = `${name} — mugs`;
    await card.getByLabel(`New name for ${name}`).fill(renamed);
    await card.getByRole("button", { name: "Save" }).click();
    const renamedCard = page.getByTestId("project-card").filter({ hasText: renamed });
    await expect(renamedCard).toBeVisible();

    await renamedCard.getByTestId("project-name").click();
    await expect(page.getByTestId("project-title")).toHaveText(renamed);
    await expect(page.getByTestId("simulator-banner")).toBeVisible();
    await page.goBack();

    await renamedCard.getByRole("button", { name: `Delete ${renamed}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(renamed);
    await dialog.getByRole("button", { name: "Delete project" }).click();
    await expect(page.getByTestId("project-card").filter({ hasText: renamed })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("project-card").filter({ hasText: renamed })).toHaveCount(0);
  });

  test("refuses an empty name before it reaches the server", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Project name").fill("   ");
    await expect(page.getByRole("button", { name: "New project" })).toBeDisabled();
  });

  test("switches between English and Chinese and remembers the choice", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByRole("heading", { name: "项目" })).toBeVisible();
    await expect(page.getByTestId("simulator-banner")).toContainText("模拟上游");
    await page.reload();
    await expect(page.getByRole("heading", { name: "项目" })).toBeVisible();
    await page.getByTestId("locale-switch").selectOption("en");
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  });
});
