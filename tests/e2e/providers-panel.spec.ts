import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import { createProject, openStudio, tiles } from "@/tests/helpers/e2e";

/** Gemini-native and Ark models get their own controls from their cards, with no provider-specific UI. */

const paramNames = (page: Page) =>
  page
    .getByTestId("param-panel")
    .locator("[data-param]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-param")));

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
});

test("Gemini 3 Pro shows aspect ratio, image size and search grounding, and generates through the studio", async ({
  page,
  request,
}) => {
  const projectId = await createProject(request);
  await openStudio(page, projectId);
  await page.getByLabel("Model", { exact: true }).selectOption("gemini-3-pro-image");
  await expect.poll(() => paramNames(page)).toEqual(["aspect_ratio", "image_size", "google_search"]);
  await expect(page.getByTestId("param-n")).toHaveCount(0);
  await expect(page.getByTestId("param-quality")).toHaveCount(0);

  await page.getByLabel("Prompt").fill("a ceramic mug on a linen tablecloth");
  await page.getByRole("button", { name: /^Generate\b/ }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  const gens = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
    generations: { provider: string; status: string }[];
  };
  expect(gens.generations[0]).toMatchObject({ provider: "dmxapi_gemini", status: "succeeded" });
});

test("Seedream 4.0 shows its own size, group and watermark controls", async ({ page, request }) => {
  const projectId = await createProject(request);
  await openStudio(page, projectId);
  await page.getByLabel("Model", { exact: true }).selectOption("doubao-seedream-4-0-250828");
  await expect
    .poll(() => paramNames(page))
    .toEqual([
      "size",
      "sequential_image_generation",
      "max_images",
      "prompt_optimization",
      "watermark",
      "response_format",
    ]);
  await expect(page.getByTestId("param-n")).toHaveCount(0);
  await expect(page.getByTestId("param-background")).toHaveCount(0);
});
