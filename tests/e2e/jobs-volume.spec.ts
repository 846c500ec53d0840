import { expect, test, type APIRequestContext, type Page } from "@/tests/helpers/e2e-test";
import { addFault, createProject, openStudio, resetSimulator, shot, tiles, uploadImages } from "@/tests/helpers/e2e";

/* Twenty jobs at once on a laptop screen: the strip summarises, queued jobs wait visibly, the grid keeps its rows. */
const BODY = { model: "gpt-image-2", operation: "generate", prompt: "a shelf of mugs", params: { quality: "low" } };

async function post(request: APIRequestContext, projectId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await request.post(`/api/projects/${projectId}/generations`, { data: BODY });
    expect(res.status()).toBe(202);
    ids.push(((await res.json()) as { generation: { id: string } }).generation.id);
  }
  return ids;
}

/** Rows of tiles with at least `share` of their height inside the viewport. */
async function visibleRows(page: Page, share = 1): Promise<number> {
  const tops = await tiles(page).evaluateAll(
    (els, share) =>
      els
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.top >= 0 && Math.min(r.bottom, window.innerHeight) - r.top >= share * r.height - 1)
        .map((r) => Math.round(r.top)),
    share,
  );
  return new Set(tops).size;
}

test.describe("jobs at volume", () => {
  let projectId: string;
  let ids: string[] = [];
  test.beforeEach(async ({ request }) => {
    await resetSimulator(request);
    projectId = await createProject(request);
    await uploadImages(request, projectId, 12);
    // Four hang (JOB_CONCURRENCY): the other sixteen wait in line.
    await addFault(request, { kind: "hang", times: 4, path: "/v1/images/generations" });
    ids = await post(request, projectId, 20);
  });
  test.afterEach(async ({ request }) => {
    // The hung ones would hold every slot for the next spec: cancel whatever is left.
    for (const id of ids) await request.post(`/api/projects/${projectId}/generations/${id}/cancel`);
    await resetSimulator(request);
  });

  for (const locale of ["en-US", "zh-CN"] as const) {
    test(`1280×720 (${locale}): a summary, queued cards in line, two rows of the grid, cancel all queued`, async ({
      browser,
    }) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 720 },
        locale,
        storageState: test.info().project.use.storageState,
      });
      const page = await context.newPage();
      const en = locale === "en-US";
      await page.addInitScript(() => window.localStorage.removeItem("atelier.jobs.open"));
      await page.goto(`/projects/${projectId}`);
      await expect(tiles(page)).toHaveCount(12);
      const summary = page.getByTestId("jobs-summary");
      await expect(summary).toHaveText(en ? "4 running · 16 queued" : "4 个进行中 · 16 个排队中");
      // Short screen: collapsed by default, the grid gets the room.
      await expect(page.getByTestId("jobs-strip")).toHaveAttribute("data-open", "false");
      expect(await visibleRows(page)).toBeGreaterThanOrEqual(2); // two whole rows
      await shot(page, `jobs-volume-collapsed-${locale}`);

      await page.getByTestId("jobs-toggle").click();
      await expect(page.getByTestId("jobs-strip")).toHaveAttribute("data-open", "true");
      await expect(page.locator('[data-testid="job-card"][data-status="running"]')).toHaveCount(4);
      await expect(page.locator('[data-testid="job-card"][data-status="queued"]')).toHaveCount(16);
      // The next in line is the oldest queued job (the strip lists newest first: it is the last queued card).
      await expect(page.getByTestId("job-queue-position").last()).toHaveText(en ? "#1 in line" : "排队第 1 位");
      await expect(page.locator('[data-testid="job-card"][data-status="queued"] [role="progressbar"]')).toHaveCount(0);
      // Open, the cards take one short row: the grid still shows one whole row and most of the next.
      expect(await visibleRows(page, 0.5)).toBeGreaterThanOrEqual(2);
      await shot(page, `jobs-volume-open-${locale}`);

      // Nothing failed or done yet: those filters are off; Active shows all twenty.
      const filters = page.getByTestId("jobs-filter").getByRole("radio");
      await expect(filters.nth(2)).toBeDisabled();
      await filters.nth(1).click();
      await expect(page.getByTestId("job-card")).toHaveCount(20);
      await filters.first().click();
      await page.getByTestId("jobs-cancel-queued").click();
      await expect(summary).toHaveText(en ? "4 running" : "4 个进行中", { timeout: 10_000 });
      await expect(page.locator('[data-testid="job-card"][data-status="cancelled"]')).toHaveCount(16);
      await context.close();
    });
  }

  test("1440×900: open by default, the choice is remembered", async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem("seeded")) {
        window.localStorage.removeItem("atelier.jobs.open");
        sessionStorage.setItem("seeded", "1");
      }
    });
    await openStudio(page, projectId);
    await expect(page.getByTestId("jobs-strip")).toHaveAttribute("data-open", "true");
    expect(await visibleRows(page)).toBeGreaterThanOrEqual(2);
    await shot(page, "jobs-volume-1440");
    await page.getByTestId("jobs-toggle").click();
    await page.reload();
    await expect(page.getByTestId("jobs-strip")).toHaveAttribute("data-open", "false");
  });
});
