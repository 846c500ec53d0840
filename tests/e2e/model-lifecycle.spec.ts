import { expect, test } from "@/tests/helpers/e2e-test";
import {
  addFault,
  createProject,
  listModels,
  modelOption,
  openStudio,
  resetSimulator,
  shot,
  TODAY_MODELS,
  tiles,
  withLegacy,
} from "@/tests/helpers/e2e";

/**
 * Models come and go with the gateway's list: a retired model stays in the picker, greyed; one about to go says
 * when; a saved panel or a failed job on a model that is gone moves to its replacement, and says so.
 */

const RETIRES = "2027-03-31";

test.describe("model lifecycle in the studio", () => {
  let projectId: string;
  test.beforeEach(async ({ page, request }) => {
    await resetSimulator(request);
    projectId = await createProject(request);
    await page.goto("/");
    await page.evaluate(() => localStorage.clear());
  });
  test.afterEach(async ({ request }) => resetSimulator(request));

  test("the picker greys a retired model, dates one about to retire, and 'Use …' moves off it", async ({
    page,
    request,
  }) => {
    await listModels(request, [
      ...TODAY_MODELS.filter((id) => id !== "gpt-image-2-ssvip").map((id) => ({ id })),
      { id: "gpt-image-2-ssvip", shutdownDate: RETIRES },
    ]);
    await openStudio(page, projectId);
    const picker = page.getByLabel("Model", { exact: true });

    const retired = modelOption(page, "gpt-image-1");
    await expect(retired).toBeDisabled();
    await expect(retired).toHaveAttribute("data-availability", "unavailable");
    await expect(retired).toHaveText("Unavailable · GPT Image 1");
    await expect(modelOption(page, "dall-e-3")).toBeDisabled();

    const soon = modelOption(page, "gpt-image-2-ssvip");
    await expect(soon).toBeEnabled();
    await expect(soon).toHaveAttribute("data-availability", "deprecated");
    await expect(soon).toHaveText(`Retires ${RETIRES} · GPT Image 2 (DMXAPI ssvip)`);

    await picker.selectOption("gpt-image-2-ssvip");
    const status = page.getByTestId("model-status");
    await expect(status).toHaveAttribute("data-availability", "deprecated");
    await expect(status).toContainText(`retires on ${RETIRES}`);
    const move = status.getByTestId("model-switch");
    await expect(move).toHaveText("Use GPT Image 2");
    await shot(page, "30-picker-deprecated");

    await move.click();
    await expect(picker).toHaveValue("gpt-image-2");
    await expect(page.getByTestId("model-switch")).toHaveCount(0);
  });

  for (const [locale, moved] of [
    ["en", "GPT Image 1 is no longer offered by the gateway — your panel moved to GPT Image 2."],
    ["zh-CN", "网关已不再提供 GPT Image 1，面板已改用 GPT Image 2。"],
  ] as const) {
    test(`a saved panel on a retired model moves to its replacement and says so (${locale})`, async ({
      page,
      context,
      baseURL,
    }) => {
      await context.addCookies([{ name: "atelier-locale", value: locale, url: baseURL! }]);
      // What an earlier visit left behind, before the gateway retired the model.
      await page.evaluate(() =>
        localStorage.setItem(
          "atelier-panel",
          JSON.stringify({ state: { modelId: "gpt-image-1", remembered: {} }, version: 1 }),
        ),
      );
      await page.goto(`/projects/${projectId}`);
      await expect(page.locator("#model-picker")).toHaveValue("gpt-image-2");
      const notice = page.getByTestId("model-moved");
      await expect(notice).toContainText(moved);
      await shot(page, `31-model-moved-${locale}`);

      await notice.getByRole("button").click();
      await expect(notice).toHaveCount(0);
      // The move is remembered: the next visit opens on the replacement, without a notice.
      await page.reload();
      await expect(page.locator("#model-picker")).toHaveValue("gpt-image-2");
      await expect(page.getByTestId("model-moved")).toHaveCount(0);
    });
  }

  test("a failed job whose model then retires offers 'Retry with GPT Image 2', and the retry succeeds", async ({
    page,
    request,
  }) => {
    await listModels(request, withLegacy("gpt-image-1"));
    await addFault(request, { kind: "server_error", times: 1 });
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-1");
    await page.getByLabel("Prompt").fill("a product shot on a model about to retire");
    await page.getByRole("button", { name: /^Generate\b/ }).click();
    const failed = page.getByTestId("job-card").first();
    await expect(failed).toHaveAttribute("data-status", "failed");
    await expect(failed.getByTestId("job-retry")).toHaveText("Retry");

    await listModels(request, "today");
    await page.reload();
    const retry = page.getByTestId("job-card").first().getByTestId("job-retry");
    await expect(retry).toHaveText("Retry with GPT Image 2");
    await shot(page, "32-retry-with-replacement");

    await retry.click();
    await expect(page.getByTestId("job-card")).toHaveCount(2);
    const retried = page.getByTestId("job-card").first();
    await expect(retried).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(tiles(page)).toHaveCount(1);

    const gens = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
      generations: { id: string; model: string; status: string; retryOf: string | null }[];
    };
    const [newest, original] = gens.generations;
    expect(original).toMatchObject({ model: "gpt-image-1", status: "failed" });
    expect(newest).toMatchObject({ model: "gpt-image-2", status: "succeeded", retryOf: original.id });
  });
});
