import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import { addFault, createProject, openStudio, resetSimulator, shot, tiles } from "@/tests/helpers/e2e";

async function startGeneration(page: Page, prompt: string, n: number): Promise<void> {
  await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByLabel("Images value").fill(String(n));
  await page.getByRole("button", { name: /^Generate\b/ }).click();
}

test.describe("studio jobs", () => {
  let projectId: string;
  test.beforeEach(async ({ request }) => {
    await resetSimulator(request);
    projectId = await createProject(request);
  });
  test.afterEach(async ({ request }) => {
    await resetSimulator(request);
  });

  test("a generation of 3 shows progress and lands 3 thumbnails", async ({ page, request }) => {
    // One of the three parallel requests is slow, so the card is caught part-way.
    await addFault(request, { kind: "delay", delayMs: 4000, times: 1 });
    await openStudio(page, projectId);
    await startGeneration(page, "white-background product photo of a ceramic mug", 3);

    const card = page.getByTestId("job-card").first();
    await expect(card).toHaveAttribute("data-status", /queued|running/);
    await expect(card.getByRole("button", { name: "Cancel" })).toBeVisible();
    const bar = card.getByRole("progressbar");
    await expect(bar).toHaveAttribute("aria-valuemax", "3");
    await expect(bar).toHaveAttribute("aria-valuenow", "2");
    await expect(card.getByTestId("job-count")).toHaveText("2 / 3");
    await expect(tiles(page)).toHaveCount(2);
    await shot(page, "02-generating");

    await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(card.getByTestId("job-count")).toHaveText("3 / 3");
    await expect(tiles(page)).toHaveCount(3);
    await expect(card.getByRole("button", { name: "Cancel" })).toHaveCount(0);
    await expect(page.getByTestId("toast").filter({ hasText: "3 images ready" })).toBeVisible();
    await shot(page, "03-grid-with-results");

    // The job and its results come from the server: a reload shows the same.
    await page.reload();
    await expect(page.getByTestId("job-card").first()).toHaveAttribute("data-status", "succeeded");
    await expect(tiles(page)).toHaveCount(3);
  });

  test("cancels a slow job", async ({ page, request }) => {
    await addFault(request, { kind: "hang", times: 1 });
    await openStudio(page, projectId);
    // Submitted with the keyboard shortcut this time.
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await page.getByLabel("Prompt").fill("a slow product shot");
    await page.getByLabel("Prompt").press("ControlOrMeta+Enter");
    const card = page.getByTestId("job-card").first();
    await expect(card).toHaveAttribute("data-status", "running");
    await expect(card.getByTestId("job-phase")).not.toBeEmpty();
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-status", "cancelled");
    await expect(card.getByTestId("job-phase")).toHaveText("Cancelled");
    await expect(page.getByTestId("toast").filter({ hasText: "Generation cancelled" })).toBeVisible();
    await expect(card.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry last failed" })).toBeEnabled();
  });

  test("a streamed generation shows previews before it succeeds", async ({ page, request }) => {
    // Three seconds of drawing: the simulator streams each partial image a third of the way in.
    expect((await request.post("/sim/_control/latency", { data: { ms: 3000 } })).ok()).toBe(true);
    await openStudio(page, projectId);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await page.getByLabel("Prompt").fill("a streamed product shot");
    await page.getByLabel("Previews value").fill("2");
    await page.getByRole("button", { name: /^Generate\b/ }).click();

    const card = page.getByTestId("job-card").first();
    const previews = card.getByTestId("job-previews");
    await expect(previews).toBeVisible();
    await expect(card).toHaveAttribute("data-status", "running");
    await expect(previews.locator("img").first()).toHaveAttribute("src", /\/previews\/0/);
    await shot(page, "08-streaming-previews");
    await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    // The final image replaces the previews.
    await expect(previews).toHaveCount(0);
    await expect(tiles(page)).toHaveCount(1);

    const gens = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
      generations: { params: Record<string, unknown> }[];
    };
    expect(gens.generations[0].params).toMatchObject({ partial_images: 2 });
  });

  test("a failed job shows why, then Retry last failed succeeds with the same params", async ({ page, request }) => {
    await addFault(request, { kind: "server_error", times: 1 });
    await openStudio(page, projectId);
    await startGeneration(page, "a product shot that fails once", 1);

    const failed = page.getByTestId("job-card").first();
    await expect(failed).toHaveAttribute("data-status", "failed");
    const error = failed.getByTestId("job-error");
    await expect(error).toContainText("temporarily unavailable");
    await expect(error.getByTestId("job-error-code")).toHaveText(/^upstream_/);
    await expect(error.getByTestId("job-request-id")).not.toBeEmpty();
    await expect(error.getByRole("button", { name: "Copy upstream request id" })).toBeVisible();
    await shot(page, "04-failed-job");

    await page.getByRole("button", { name: "Retry last failed" }).click();
    const retried = page.getByTestId("job-card").first();
    await expect(retried).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(page.getByTestId("job-card")).toHaveCount(2);
    await expect(tiles(page)).toHaveCount(1);
    // Nothing left to retry: the failure has been retried.
    await expect(page.getByRole("button", { name: "Retry last failed" })).toBeDisabled();

    const gens = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
      generations: { status: string; params: unknown; retryOf: string | null; id: string }[];
    };
    const [newest, original] = gens.generations;
    expect(newest.retryOf).toBe(original.id);
    expect(newest.params).toEqual(original.params);
  });
});
