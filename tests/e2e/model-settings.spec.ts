import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import {
  createProject,
  modelOption,
  openStudio,
  resetModelSettings,
  resetSimulator,
  shot,
  TODAY_MODELS,
  tiles,
} from "@/tests/helpers/e2e";

/** The admin's model settings page (/settings/models) and what its changes do to the studio's picker. */

const row = (page: Page, id: string) => page.locator(`[data-testid="settings-model-row"][data-model-id="${id}"]`);

async function save(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Model settings saved" })).toBeVisible();
  await expect(page.getByTestId("settings-save-bar")).toHaveAttribute("data-dirty", "false");
}

test.describe("model settings", () => {
  let projectId: string;
  test.beforeEach(async ({ page, request }) => {
    await resetSimulator(request);
    await resetModelSettings(request);
    projectId = await createProject(request);
    await page.goto("/");
    await page.evaluate(() => localStorage.clear());
  });
  test.afterEach(async ({ request }) => {
    await resetModelSettings(request);
    await resetSimulator(request);
  });

  test("reached from the header; hiding a model takes it out of the picker", async ({ page, request }) => {
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings\/models$/);
    await expect(page.getByRole("heading", { level: 1, name: "Model settings" })).toBeVisible();
    await expect(page).toHaveTitle("Model settings — Atelier");
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("availability-badge")).toHaveText("Available");
    await expect(row(page, "gpt-image-1").getByTestId("availability-badge")).toHaveText("Unavailable");
    await expect(row(page, "gpt-image-1").getByTestId("shutdown-date")).toHaveText("2026-10-23");
    await expect(page.getByTestId("settings-group").first()).toContainText("OpenAI Images (DMXAPI) · GPT Image 2");

    await page.getByLabel("Hide gpt-image-2-ssvip", { exact: true }).check();
    await expect(page.getByTestId("settings-save-bar")).toHaveAttribute("data-dirty", "true");
    await save(page);
    // The catalog leaves hidden models out; the page keeps the row so it can be shown again.
    await expect(row(page, "gpt-image-2-ssvip")).toHaveAttribute("data-hidden", "true");
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("availability-badge")).toHaveText("Hidden");
    await shot(page, "40-settings-hidden");

    const catalog = (await (await request.get("/api/models")).json()) as { models: { id: string }[] };
    expect(catalog.models.map((m) => m.id)).not.toContain("gpt-image-2-ssvip");
    await openStudio(page, projectId);
    await expect(modelOption(page, "gpt-image-2")).toHaveCount(1);
    await expect(modelOption(page, "gpt-image-2-ssvip")).toHaveCount(0);

    await page.goto("/settings/models");
    const hide = page.getByLabel("Hide gpt-image-2-ssvip", { exact: true });
    await expect(hide).toBeChecked();
    await hide.uncheck();
    await save(page);
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("availability-badge")).toHaveText("Available");
    await openStudio(page, projectId);
    await expect(modelOption(page, "gpt-image-2-ssvip")).toHaveCount(1);
  });

  test("an alias appears in the picker and generates on its target", async ({ page, request }) => {
    await page.goto("/settings/models");
    const form = page.getByTestId("add-alias");
    await form.getByLabel("Alias id").fill("product-shots");
    await form.getByLabel("Points at").selectOption("gpt-image-2");
    await form.getByRole("button", { name: "Add alias" }).click();
    await expect(row(page, "product-shots").getByTestId("availability-badge")).toHaveText("Not saved yet");
    // The same id twice is refused on the spot.
    await form.getByLabel("Alias id").fill("product-shots");
    await form.getByRole("button", { name: "Add alias" }).click();
    await expect(form.getByTestId("field-error")).toHaveText("'product-shots' is already in the list.");

    await save(page);
    await expect(row(page, "product-shots").getByTestId("availability-badge")).toHaveText("Available");
    await expect(row(page, "product-shots")).toContainText("alias of gpt-image-2");
    await expect(row(page, "product-shots")).toContainText("Settings");

    await openStudio(page, projectId);
    const alias = modelOption(page, "product-shots");
    await expect(alias).toBeEnabled();
    await expect(alias).toHaveText("GPT Image 2 → product-shots");
    await page.getByLabel("Model", { exact: true }).selectOption("product-shots");
    await page.getByLabel("Prompt").fill("a mug through the alias");
    await page.getByRole("button", { name: /^Generate\b/ }).click();
    await expect(page.getByTestId("job-card").first()).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(tiles(page)).toHaveCount(1);
    const gens = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
      generations: { model: string }[];
    };
    expect(gens.generations[0].model).toBe("product-shots");

    // Removing the alias takes it out again.
    await page.goto("/settings/models");
    await row(page, "product-shots").getByRole("button", { name: "Remove product-shots" }).click();
    await save(page);
    await expect(row(page, "product-shots")).toHaveCount(0);
  });

  test("a timeout the server refuses is shown next to its field, and nothing is saved", async ({ page, request }) => {
    await page.goto("/settings/models");
    const timeout = page.getByLabel("Timeout of gpt-image-2, in seconds", { exact: true });
    await timeout.fill("5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("settings-error")).toContainText("Some settings were not accepted");
    const error = row(page, "gpt-image-2").getByTestId("field-error");
    await expect(error).toBeVisible();
    await expect(error).toContainText("10");
    await expect(timeout).toHaveAttribute("aria-invalid", "true");
    await shot(page, "41-settings-field-error");
    const stored = (await (await request.get("/api/settings/models")).json()) as { settings: { models?: unknown[] } };
    expect(stored.settings.models ?? []).toEqual([]);

    // Editing the field clears its error; a good value saves.
    await timeout.fill("240");
    await expect(error).toHaveCount(0);
    await save(page);
    const after = (await (await request.get("/api/settings/models")).json()) as {
      settings: { models?: { id: string; timeoutS?: number }[] };
    };
    expect(after.settings.models).toEqual([{ id: "gpt-image-2", timeoutS: 240 }]);
  });

  test("Refresh lists reads the gateway again: a model about to retire shows its date", async ({ page, request }) => {
    await page.goto("/settings/models");
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("availability-badge")).toHaveText("Available");
    // The gateway changes its list; the studio has not read it yet.
    const listed = [
      ...TODAY_MODELS.filter((id) => id !== "gpt-image-2-ssvip").map((id) => ({ id })),
      { id: "gpt-image-2-ssvip", shutdownDate: "2027-03-31" },
    ];
    expect((await request.post("/sim/_control/models", { data: { models: listed } })).ok()).toBe(true);
    await page.getByRole("button", { name: "Refresh lists" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Model lists refreshed" })).toBeVisible();
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("availability-badge")).toHaveText("Retiring");
    await expect(row(page, "gpt-image-2-ssvip").getByTestId("shutdown-date")).toHaveText("2027-03-31");
    const openai = page.locator('[data-testid="provider-catalog"][data-provider="dmxapi_openai_img"]');
    await expect(openai).toHaveAttribute("data-ok", "true");
    await expect(openai).toContainText("Read ");
  });

  test("the page in Chinese", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "atelier-locale", value: "zh-CN", url: baseURL! }]);
    await page.goto("/settings/models");
    await expect(page.getByRole("heading", { level: 1, name: "模型设置" })).toBeVisible();
    await expect(page.getByRole("link", { name: "设置" })).toBeVisible();
    await expect(row(page, "gpt-image-1").getByTestId("availability-badge")).toHaveText("不可用");
    await page.getByLabel("gpt-image-2 的超时（秒）", { exact: true }).fill("5");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByTestId("settings-error")).toContainText("部分设置未被接受");
    await expect(row(page, "gpt-image-2").getByTestId("field-error")).toBeVisible();
  });
});
