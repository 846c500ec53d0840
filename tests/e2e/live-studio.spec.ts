import { expect, test } from "@/tests/helpers/e2e-test";
import {
  createProject,
  openStudio,
  resetSimulator,
  shot,
  signedInTeammate,
  tiles,
  uploadImages,
} from "@/tests/helpers/e2e";

/* Two tabs of one project, and a teammate working through the API: each sees the others' work as it happens. */
test.describe("live studio", () => {
  let projectId: string;
  test.beforeEach(async ({ request }) => {
    await resetSimulator(request);
    projectId = await createProject(request);
  });

  test("a job and its images started in tab A appear in tab B; a delete in B leaves A", async ({ page, context }) => {
    const b = await context.newPage();
    await openStudio(page, projectId);
    await openStudio(b, projectId);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "live");
    await expect(b.getByTestId("live-badge")).toHaveAttribute("data-state", "live");

    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await page.getByLabel("Prompt").fill("a mug on a white table");
    await page.getByLabel("Images value").fill("2");
    await page.getByRole("button", { name: /^Generate\b/ }).click();
    // B was never told: the job card arrives by the event stream, then its images.
    await expect(b.getByTestId("job-card")).toHaveCount(1);
    await expect(b.getByTestId("job-card").first()).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(tiles(b)).toHaveCount(2);
    await expect(tiles(page)).toHaveCount(2);
    await shot(b, "live-01-tab-b-sees-a");

    await tiles(b).first().getByRole("button", { name: "Delete image" }).click();
    await b.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(tiles(b)).toHaveCount(1);
    await expect(tiles(page)).toHaveCount(1);
    await b.close();
  });

  test("two users: B watches A's job and images arrive, deletes one; A, cut off meanwhile, catches up", async ({
    page,
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    // B: a manager of the team, signed in through the sign-in page in a browser of its own.
    const { context: bContext, page: b } = await signedInTeammate(browser, request, {
      baseURL,
      name: "Bea Manager",
      role: "manager",
      path: `/projects/${projectId}`,
      viewport: { width: 1280, height: 720 },
    });
    await expect(b.getByLabel("Model", { exact: true })).toBeVisible();
    await openStudio(page, projectId);
    await expect(b.getByTestId("live-badge")).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "live");

    // A generates; B sees the job run and its images arrive, without reloading.
    expect((await request.post("/sim/_control/latency", { data: { ms: 1500 } })).ok()).toBe(true);
    await page.getByLabel("Model", { exact: true }).selectOption("gpt-image-2");
    await page.getByLabel("Prompt").fill("two mugs, studio light");
    await page.getByLabel("Images value").fill("2");
    await page.getByRole("button", { name: /^Generate\b/ }).click();
    const bCard = b.getByTestId("job-card").first();
    await b.getByTestId("jobs-toggle").click(); // 720 px high: B's strip starts closed
    await expect(bCard).toHaveAttribute("data-status", "running");
    await expect(bCard).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect(tiles(b)).toHaveCount(2);
    await shot(b, "live-03-user-b");

    // B deletes one: it leaves A.
    await tiles(b).first().getByRole("button", { name: "Delete image" }).click();
    await b.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.getByTestId("toast").filter({ hasText: "Bea Manager deleted an image" })).toBeVisible();

    // A is cut off; meanwhile B deletes the other and a new job runs. Back online, A catches up by itself.
    await page.context().setOffline(true);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "offline");
    await tiles(b).first().getByRole("button", { name: "Delete image" }).click();
    await b.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(tiles(b)).toHaveCount(0);
    expect((await request.post("/sim/_control/latency", { data: { ms: 0 } })).ok()).toBe(true);
    const [upload] = await uploadImages(request, projectId, 1);
    await page.context().setOffline(false);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "live", { timeout: 35_000 });
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.locator(`[data-asset-id="${upload}"]`)).toHaveCount(1);
    await bContext.close();
  });

  test("a teammate's upload and delete show up without a reload, with their name", async ({ page, request }) => {
    await openStudio(page, projectId);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "live");
    const email = `ana.${Date.now()}@example.test`;
    const user = await request.post("/api/users", {
      data: { email, name: "Ana Lima", role: "creator", password: "correct horse battery" },
    });
    expect(user.status()).toBe(201);
    const ana = ((await user.json()) as { user: { id: string } }).user;
    const token = await request.post("/api/tokens", { data: { name: "ana", userId: ana.id } });
    const secret = ((await token.json()) as { secret: string }).secret;
    const asAna = { authorization: `Bearer ${secret}` };

    // Uploaded by the admin token (the page's user did not do it): it appears without a reload.
    const [first] = await uploadImages(request, projectId, 2);
    await expect(tiles(page)).toHaveCount(2);
    // Ana's own upload, deleted by Ana: the grid follows, and says who.
    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(await (await request.get(`/api/assets/${first}/file`)).body())], { type: "image/png" }),
      "ana.png",
    );
    const up = await request.post(`/api/projects/${projectId}/assets`, { multipart: form, headers: asAna });
    expect(up.status()).toBe(201);
    const anaAsset = ((await up.json()) as { assets: { id: string }[] }).assets[0].id;
    await expect(tiles(page)).toHaveCount(3);
    expect((await request.delete(`/api/assets/${anaAsset}`, { headers: asAna })).status()).toBe(204);
    await expect(tiles(page)).toHaveCount(2);
    await expect(page.getByTestId("toast").filter({ hasText: "Ana Lima deleted an image" })).toBeVisible();
  });

  test("with its event stream cut the page says it is offline, a stale delete says so, and it comes back", async ({
    page,
    request,
  }) => {
    const [first, second] = await uploadImages(request, projectId, 2);
    await page.route("**/api/projects/*/events*", (route) => route.abort());
    await openStudio(page, projectId);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "offline");
    await expect(tiles(page)).toHaveCount(2);
    await shot(page, "live-02-offline");
    // Deleted elsewhere while this tab hears nothing: its own Delete does not claim it.
    expect((await request.delete(`/api/assets/${second}`)).status()).toBe(204);
    await page.locator(`[data-asset-id="${second}"]`).getByRole("button", { name: "Delete image" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "That image was already deleted" })).toBeVisible();
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.locator(`[data-asset-id="${first}"]`)).toHaveCount(1);
    await page.unroute("**/api/projects/*/events*");
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "live", { timeout: 35_000 });
  });
});
