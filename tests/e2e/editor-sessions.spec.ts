import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import { createProject, shot, signedInTeammate } from "@/tests/helpers/e2e";
import { drag, expectMask, uploadPhoto } from "@/tests/helpers/e2e-editor";

/*
 * The editor's sessions live on the server per asset: a mask drawn in one browser is in another (undo included),
 * a cutout run by one designer is in a teammate's history; a newer copy from elsewhere wins what is shown, and
 * strokes only this browser had stay one Undo away.
 */

/** The next save of `kind` this page makes, answered 200. */
const nextSave = (page: Page, kind: "mask" | "cutout") =>
  page.waitForResponse(
    (r) => r.request().method() === "PUT" && r.url().includes(`/sessions/${kind}`) && r.status() === 200,
  );

/** The page comes back (what a designer switching windows does): the editor reads the session again. */
const refocus = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event("focus")));

const succeededRuns = (page: Page) => page.locator('[data-testid="cutout-run"][data-status="succeeded"]');

test("a mask drawn in one browser is in another with its undo; a newer one wins there and Undo brings back its own", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  const editor = `/projects/${projectId}/assets/${assetId}/edit`;
  await page.goto(editor);
  await expect(page.getByTestId("mask-canvas").locator("canvas").first()).toBeVisible();
  const first = nextSave(page, "mask");
  await drag(page, [0.35, 0.35], [0.65, 0.4]);
  await expectMask(page, 1, 1, 0);
  await first;

  // The same designer in another browser (a fresh context, signed in as the admin), 1280×720, in Chinese.
  const bContext = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 720 },
    locale: "zh-CN",
    storageState: test.info().project.use.storageState,
  });
  const b = await bContext.newPage();
  await b.goto(editor);
  await expect(b.getByTestId("mask-canvas").locator("canvas").first()).toBeVisible();
  await expectMask(b, 1, 1, 0);
  await expect(b.getByRole("button", { name: "撤销" })).toBeEnabled();

  // B is cut off and draws two strokes; meanwhile A draws one more, saved.
  await bContext.setOffline(true);
  await drag(b, [0.3, 0.7], [0.5, 0.75]);
  await drag(b, [0.5, 0.2], [0.7, 0.25]);
  await expectMask(b, 3, 3, 0);
  const second = nextSave(page, "mask");
  await drag(page, [0.35, 0.55], [0.65, 0.6]);
  await expectMask(page, 2, 2, 0);
  await second;

  // Back online: A's newer mask is what B shows, B's own strokes one Undo away, and B is told.
  const merged = nextSave(b, "mask");
  await bContext.setOffline(false);
  await expectMask(b, 2, 3, 0);
  await expect(b.getByTestId("toast").filter({ hasText: "撤销" })).toBeVisible();
  await shot(b, "sessions-01-newer-mask-wins-zh-CN-1280");
  await merged;
  const undone = nextSave(b, "mask");
  await b.keyboard.press("ControlOrMeta+Z");
  await expectMask(b, 3, 2, 1);
  await undone;

  // A takes B's choice the next time it is looked at, with a word.
  await refocus(page);
  await expectMask(page, 3, 2, 1);
  await expect(page.getByTestId("toast").filter({ hasText: "Mask updated from your other window" })).toBeVisible();
  await shot(page, "sessions-02-mask-updated-en-1440");
  // And it survives a reload in both (the server's copy and the local one agree).
  await b.reload();
  await expectMask(b, 3, 2, 1);
  await bContext.close();
});

test("a cutout run by one designer is in a teammate's cutout history, and the next one arrives on focus", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  const editor = `/projects/${projectId}/assets/${assetId}/edit?tab=cutout`;
  await page.goto(editor);
  const saved = nextSave(page, "cutout");
  await page.getByTestId("cutout-run-button").click();
  await expect(succeededRuns(page)).toHaveCount(1);
  await saved;
  const firstResult = await page.getByTestId("cutout-preview").getAttribute("data-shown");
  expect(firstResult).toMatch(/^ast_/);

  // A teammate (a creator) signs in in a browser of their own and opens the same image.
  const { context: cContext, page: c } = await signedInTeammate(browser, request, {
    baseURL,
    name: "Cleo Creator",
    role: "creator",
    path: editor,
    locale: "zh-CN",
  });
  await expect(c).toHaveURL(new RegExp(`/assets/${assetId}/edit`));
  await expect(succeededRuns(c)).toHaveCount(1);
  await expect(c.getByTestId("cutout-preview")).toHaveAttribute("data-shown", firstResult!);

  // A runs another with other settings; the teammate's history has it once they look again.
  const tolerance = page.getByTestId("cutout-tolerance");
  await tolerance.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  const again = nextSave(page, "cutout");
  await page.getByTestId("cutout-run-button").click();
  await expect(succeededRuns(page)).toHaveCount(2);
  await again;
  const secondResult = await page.getByTestId("cutout-preview").getAttribute("data-shown");
  await refocus(c);
  await expect(succeededRuns(c)).toHaveCount(2);
  await expect(c.getByTestId("cutout-preview")).toHaveAttribute("data-shown", secondResult!);
  await expect(c.getByTestId("cutout-tolerance-value")).toHaveText("30");
  await expect(c.getByTestId("toast").filter({ hasText: "抠图记录已按Ada Admin的保存更新" })).toBeVisible();
  await shot(c, "sessions-03-cutout-updated-zh-CN-1440");
  await cContext.close();
});
