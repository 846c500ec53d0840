import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import { createProject, listModels, openStudio, resetSimulator, shot, withLegacy } from "@/tests/helpers/e2e";

/**
 * The parameter panel is drawn from GET /api/models alone; these are the controls each card allows. Generic
 * behaviour runs on today's gateway (gpt-image-2, gemini-3-pro-image); the retired models' own rules (GPT Image 1's
 * input_fidelity and transparent background, DALL·E 3's style) need the gateway to list them again first.
 */

const paramNames = (page: Page) =>
  page
    .getByTestId("param-panel")
    .locator("[data-param]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-param")));

// Card order; the simulator streams, so every gpt-image card offers previews (partial_images) too.
const GPT_GENERATE = [
  "n",
  "size",
  "quality",
  "background",
  "moderation",
  "output_format",
  "output_compression",
  "partial_images",
];
const GPT_EDIT = GPT_GENERATE.filter((p) => p !== "moderation");

test.describe("studio parameter panel", () => {
  let projectId: string;
  test.beforeEach(async ({ page, request }) => {
    await resetSimulator(request);
    projectId = await createProject(request);
    await page.goto("/");
    await page.evaluate(() => localStorage.clear());
  });
  test.afterEach(async ({ request }) => resetSimulator(request));

  test("the empty project shows the panel and an empty grid", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await openStudio(page, projectId);
    await expect(page.getByTestId("assets-empty")).toBeVisible();
    await expect(page.getByTestId("simulator-banner")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Generate\b/ })).toBeDisabled();
    await shot(page, "01-empty-project");
    expect(errors).toEqual([]);
  });

  test("every model of GET /api/models gets exactly its card's controls", async ({ page, request }) => {
    type Card = {
      id: string;
      provider: string;
      availability: string;
      operations: string[];
      params: Record<string, { operations?: string[] }>;
    };
    const { providers, models } = (await (await request.get("/api/models")).json()) as {
      providers: { id: string; available: boolean }[];
      models: Card[];
    };
    // A retired model stays in the picker as a disabled option: it cannot be chosen, so it has no panel.
    const usable = models.filter(
      (m) => providers.find((p) => p.id === m.provider)?.available && m.availability !== "unavailable",
    );
    expect(usable.length).toBeGreaterThanOrEqual(4);
    // Tall enough that the screenshots show each panel whole.
    await page.setViewportSize({ width: 1440, height: 1500 });
    await openStudio(page, projectId);
    const shotProviders = new Set<string>();
    let op = "generate";
    for (const m of usable) {
      await page.getByLabel("Model", { exact: true }).selectOption(m.id);
      // The panel keeps its operation when the next model has it (an edit-only model leaves it on edit).
      op = m.operations.includes(op) ? op : m.operations[0];
      const expected = Object.entries(m.params)
        .filter(([, spec]) => !spec.operations || spec.operations.includes(op))
        .map(([name]) => name);
      await expect.poll(() => paramNames(page), { message: m.id }).toEqual(expected);
      if (!shotProviders.has(m.provider)) {
        shotProviders.add(m.provider);
        await shot(page, `10-panel-${m.id}`);
      }
    }
  });

  for (const model of ["gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini"]) {
    test(`${model} shows exactly the GPT image controls`, async ({ page, request }) => {
      await listModels(request, withLegacy(model));
      await openStudio(page, projectId);
      await page.getByLabel("Model", { exact: true }).selectOption(model);
      await expect.poll(() => paramNames(page)).toEqual(GPT_GENERATE);
      await expect(page.getByTestId("param-style")).toHaveCount(0);
      await expect(page.getByTestId("param-response_format")).toHaveCount(0);

      await page.getByRole("radiogroup", { name: "Operation" }).getByRole("radio", { name: "Edit" }).click();
      const withFidelity = [...GPT_EDIT.slice(0, -1), "input_fidelity", "partial_images"];
      await expect.poll(() => paramNames(page)).toEqual(model === "gpt-image-1-mini" ? GPT_EDIT : withFidelity);
    });
  }

  test("gpt-image-2 shows the GPT image controls without transparency or input fidelity", async ({ page }) => {
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await expect.poll(() => paramNames(page)).toEqual(GPT_GENERATE);
    await expect(page.getByRole("radiogroup", { name: "Background" }).getByRole("radio")).toHaveText([
      "Auto",
      "Opaque",
    ]);
    await page.getByRole("radiogroup", { name: "Operation" }).getByRole("radio", { name: "Edit" }).click();
    await expect.poll(() => paramNames(page)).toEqual(GPT_EDIT);
  });

  test("dall-e-3 offers n = 1, style, no background and no edit", async ({ page, request }) => {
    await listModels(request, withLegacy("dall-e-3"));
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("dall-e-3");
    await expect.poll(() => paramNames(page)).toEqual(["n", "size", "quality", "style", "response_format"]);
    await expect(page.getByTestId("param-background")).toHaveCount(0);
    await expect(page.getByTestId("param-n")).toContainText("fixed by this model");
    await expect(
      page.getByRole("radiogroup", { name: "Operation" }).getByRole("radio", { name: "Edit" }),
    ).toBeDisabled();
    await expect(page.getByRole("radiogroup", { name: "Style" }).getByRole("radio", { name: "Vivid" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
  });

  test("compression is locked for png and unlocked for jpeg and webp", async ({ page }) => {
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    const compression = page.getByTestId("param-output_compression");
    await expect(compression).toHaveAttribute("data-locked", "true");
    await expect(compression.getByRole("slider")).toBeDisabled();
    await expect(compression).toContainText("Only with Output format JPEG / WebP");

    const format = page.getByRole("radiogroup", { name: "Output format" });
    await format.getByRole("radio", { name: "JPEG" }).click();
    await expect(compression).not.toHaveAttribute("data-locked", "true");
    await expect(compression.getByRole("slider")).toBeEnabled();
    await format.getByRole("radio", { name: "WebP" }).click();
    await expect(compression.getByRole("slider")).toBeEnabled();
    await format.getByRole("radio", { name: "PNG" }).click();
    await expect(compression).toHaveAttribute("data-locked", "true");
  });

  test("gpt-image-1: a transparent background needs png or webp", async ({ page, request }) => {
    await listModels(request, withLegacy("gpt-image-1"));
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-1");
    const format = page.getByRole("radiogroup", { name: "Output format" });
    const transparent = page
      .getByRole("radiogroup", { name: "Background" })
      .getByRole("radio", { name: "Transparent" });
    await expect(transparent).toBeEnabled();
    await format.getByRole("radio", { name: "JPEG" }).click();
    await expect(transparent).toBeDisabled();
    await format.getByRole("radio", { name: "WebP" }).click();
    await expect(transparent).toBeEnabled();
  });

  test("shows the shared validator's message before submit and blocks it", async ({ page }) => {
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await page.getByLabel("Prompt").fill("a ceramic mug on white");
    await page.getByLabel("Images value").fill("15");
    await expect(page.getByTestId("param-error-n")).toHaveText("must be an integer between 1 and 10");
    await expect(page.getByRole("button", { name: /^Generate\b/ })).toBeDisabled();
    await expect(page.getByTestId("submit-hint")).toHaveText("Fix the highlighted settings first.");
    await page.getByLabel("Images value").fill("2");
    await expect(page.getByTestId("param-error-n")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Generate\b/ })).toBeEnabled();
  });

  test("switching models resets to that model's values and remembers each model's last params", async ({ page }) => {
    await openStudio(page, projectId);
    const picker = page.getByLabel("Model", { exact: true });
    await picker.selectOption("gpt-image-2");
    await page.getByRole("radiogroup", { name: "Quality" }).getByRole("radio", { name: "High" }).click();
    await page.getByRole("radiogroup", { name: "Output format" }).getByRole("radio", { name: "WebP" }).click();

    await picker.selectOption("gemini-3-pro-image");
    await expect(page.getByTestId("param-quality")).toHaveCount(0);
    await expect(page.getByTestId("param-output_format")).toHaveCount(0);
    await expect(page.getByTestId("param-aspect_ratio")).toBeVisible();

    // Another model of the same family keeps its own values: nothing carries over from gpt-image-2.
    await picker.selectOption("gpt-image-2-ssvip");
    await expect(
      page.getByRole("radiogroup", { name: "Quality" }).getByRole("radio", { name: "Auto" }),
    ).toHaveAttribute("aria-checked", "true");

    await picker.selectOption("gpt-image-2");
    await expect(
      page.getByRole("radiogroup", { name: "Quality" }).getByRole("radio", { name: "High" }),
    ).toHaveAttribute("aria-checked", "true");
    await page.reload();
    await expect(picker).toHaveValue("gpt-image-2");
    await expect(
      page.getByRole("radiogroup", { name: "Output format" }).getByRole("radio", { name: "WebP" }),
    ).toHaveAttribute("aria-checked", "true");
  });
});
