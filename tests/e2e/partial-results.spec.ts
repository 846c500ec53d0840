import { expect, test } from "@/tests/helpers/e2e-test";
import { addFault, createProject, openStudio, resetSimulator, shot, tiles } from "@/tests/helpers/e2e";

/* A generation of 3 where one request fails keeps the 2 it saved, and "Retry missing" asks for just the one. */
test.afterEach(async ({ request }) => resetSimulator(request));

test("2 of 3 saved: the card shows them, says so, and Retry missing sends n = 1", async ({ page, request }) => {
  const projectId = await createProject(request);
  await addFault(request, { kind: "server_error", times: 1, path: "/v1/images/generations" });
  await openStudio(page, projectId);
  await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
  await page.getByLabel("Prompt").fill("three mugs in a row");
  await page.getByLabel("Images value").fill("3");
  await page.getByRole("button", { name: /^Generate\b/ }).click();

  const card = page.getByTestId("job-card").first();
  await expect(card).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
  await expect(card.getByTestId("job-count")).toHaveText("2 / 3");
  await expect(card.getByRole("button", { name: /^Open result/ })).toHaveCount(2);
  await expect(tiles(page)).toHaveCount(2);
  await expect(page.getByTestId("toast").filter({ hasText: "2 of 3 images ready" })).toBeVisible();
  await shot(page, "partial-01-two-of-three");

  await card.getByTestId("job-retry-missing").click();
  const retried = page.getByTestId("job-card").first();
  await expect(retried).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
  await expect(retried.getByTestId("job-count")).toHaveText("1 / 1");
  await expect(tiles(page)).toHaveCount(3);
  const { generations } = (await (await request.get(`/api/projects/${projectId}/generations`)).json()) as {
    generations: { id: string; retryOf: string | null; params: { n?: number }; total: number }[];
  };
  const [newest, original] = generations;
  expect(newest).toMatchObject({ retryOf: original.id, total: 1, params: { n: 1 } });
});
