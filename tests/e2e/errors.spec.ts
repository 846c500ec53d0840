import { expect, test, type Page } from "@/tests/helpers/e2e-test";
import { addFault, createProject, listModels, resetSimulator, shot, withLegacy } from "@/tests/helpers/e2e";
import { uploadPhoto } from "@/tests/helpers/e2e-editor";

/**
 * One error style: inpaint and AI-cutout failures read in the user's language (the same mapping as job cards),
 * inline under the button that caused them, with the upstream's own words only behind "Details"; the toast
 * echoing them never covers that button; a repeated failure is one toast with a count.
 */

// The simulator's words for these faults (lib/simulator/fault-errors.ts): English, whatever the UI language.
const MODERATION_RAW = /rejected by the safety system/;
const QUOTA_RAW = /exceeded your current quota/;

const WORDS = {
  "en-US": {
    moderation: "Blocked by the provider's safety check",
    quota: "The provider account is out of quota",
    unavailable: "The provider is temporarily unavailable",
    details: "Details",
    prompt: "What should change",
    ai: "AI model",
  },
  "zh-CN": {
    moderation: "被服务商的安全审核拦截",
    quota: "服务商账户额度不足",
    unavailable: "服务商暂时不可用",
    details: "详情",
    prompt: "需要修改什么",
    ai: "AI 模型",
  },
} as const;

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

async function paintStroke(page: Page): Promise<void> {
  const box = (await page.getByTestId("mask-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.4);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.35 + 0.04 * i), box.y + box.height * 0.45);
  await page.mouse.up();
  await expect(page.getByTestId("mask-canvas")).toHaveAttribute("data-strokes", "1");
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The error toast is shown and lies clear of the button and of the panel holding it. */
async function expectToastClearOf(page: Page, buttonTestId: string, title: string): Promise<void> {
  const toast = page.locator('[data-testid="toast"][data-tone="error"]');
  await expect(toast).toHaveCount(1);
  await expect(toast.getByTestId("toast-error-title")).toHaveText(title);
  const t = (await toast.boundingBox())!;
  const button = (await page.getByTestId(buttonTestId).boundingBox())!;
  const panel = (await page.getByTestId(buttonTestId).locator("xpath=ancestor::aside[1]").boundingBox())!;
  expect(overlaps(t, button), `toast ${JSON.stringify(t)} covers the button ${JSON.stringify(button)}`).toBe(false);
  expect(overlaps(t, panel), `toast ${JSON.stringify(t)} covers the panel ${JSON.stringify(panel)}`).toBe(false);
}

/** Nothing of the upstream's text is visible until "Details" is opened; then it is, inside the disclosure. */
async function expectRawOnlyInDetails(page: Page, testId: string, raw: RegExp, details: string): Promise<void> {
  const box = page.getByTestId(testId);
  await expect(box.getByTestId(`${testId}-title`)).not.toHaveText(raw);
  await expect(box.getByTestId(`${testId}-hint`)).not.toHaveText(raw);
  await expect(page.getByText(raw).filter({ visible: true })).toHaveCount(0);
  const disclosure = box.getByTestId(`${testId}-raw`);
  await disclosure.getByText(details, { exact: true }).click();
  await expect(disclosure.getByText(raw)).toBeVisible();
  await expect(page.getByText(raw).filter({ visible: true })).toHaveCount(1);
  await disclosure.getByText(details, { exact: true }).click();
}

test.afterEach(async ({ request }) => resetSimulator(request));

for (const locale of ["zh-CN", "en-US"] as const) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`${locale} ${size}: inpaint and AI-cutout failures in the UI's language, inline, the toast clear of the button`, async ({
      browser,
      request,
    }) => {
      const w = WORDS[locale];
      // An AI cutout needs a transparent background, which only the retired GPT Image 1 family offers.
      await listModels(request, withLegacy("gpt-image-1"));
      const projectId = await createProject(request, `Errors ${locale} ${size} ${Date.now()}`);
      const assetId = await uploadPhoto(request, projectId);
      const context = await browser.newContext({
        viewport,
        locale,
        storageState: test.info().project.use.storageState,
      });
      const page = await context.newPage();

      // Inpaint: the provider's safety check refuses the edit.
      await page.goto(`/projects/${projectId}/assets/${assetId}/edit`);
      await expect(page.getByTestId("mask-canvas").locator("canvas").first()).toBeVisible();
      await paintStroke(page);
      await page.getByLabel(w.prompt).fill("replace the label with a plain white one");
      await addFault(request, { kind: "moderation", times: 1 });
      await page.getByTestId("inpaint-submit").click();
      const inpaintError = page.getByTestId("inpaint-error");
      await expect(inpaintError).toBeVisible({ timeout: 20_000 });
      await expect(inpaintError).toHaveAttribute("data-code", "upstream_moderation_blocked");
      await expect(inpaintError.getByTestId("inpaint-error-title")).toHaveText(w.moderation);
      await expect(inpaintError.getByTestId("inpaint-error-request-id")).not.toBeEmpty();
      await expectToastClearOf(page, "inpaint-submit", w.moderation);
      await shot(page, `errors-inpaint-${locale}-${size}`);
      await expectRawOnlyInDetails(page, "inpaint-error", MODERATION_RAW, w.details);

      // AI cutout: the provider account is out of quota.
      await page.goto(`/projects/${projectId}/assets/${assetId}/edit?tab=cutout`);
      await page.getByRole("radio", { name: w.ai }).click();
      await addFault(request, { kind: "quota", times: 1 });
      await page.getByTestId("cutout-run-button").click();
      const cutoutError = page.getByTestId("cutout-error");
      await expect(cutoutError).toBeVisible({ timeout: 20_000 });
      await expect(cutoutError).toHaveAttribute("data-code", "upstream_quota");
      await expect(cutoutError.getByTestId("cutout-error-title")).toHaveText(w.quota);
      // The run's line in the history says the same, translated, not "upstream_quota: You exceeded …".
      await expect(page.getByTestId("cutout-run-error").first()).toHaveText(w.quota);
      await expectToastClearOf(page, "cutout-run-button", w.quota);
      await shot(page, `errors-cutout-${locale}-${size}`);
      await expectRawOnlyInDetails(page, "cutout-error", QUOTA_RAW, w.details);
      await context.close();
    });
  }
}

test("the same failure twice is one toast with a count", async ({ page, request }) => {
  await listModels(request, withLegacy("gpt-image-1"));
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  await page.goto(`/projects/${projectId}/assets/${assetId}/edit?tab=cutout`);
  await page.getByRole("radio", { name: "AI model" }).click();
  await addFault(request, { kind: "quota", times: 2 });
  const run = page.getByTestId("cutout-run-button");
  await run.click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="failed"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="failed"]')).toHaveCount(2, { timeout: 20_000 });
  const toasts = page.locator('[data-testid="toast"][data-tone="error"]');
  await expect(toasts).toHaveCount(1);
  await expect(toasts.getByTestId("toast-count")).toHaveText("×2");
  await expect(toasts.getByTestId("toast-error-title")).toHaveText(WORDS["en-US"].quota);
  await shot(page, "errors-toast-count");
});

test("zh-CN: a failed job card reads in Chinese with the same words, the raw text behind 详情", async ({
  browser,
  request,
}) => {
  const projectId = await createProject(request);
  await addFault(request, { kind: "server_error", times: 1 });
  const res = await request.post(`/api/projects/${projectId}/generations`, {
    data: { model: "gpt-image-2", operation: "generate", prompt: "a mug that fails", params: { n: 1 } },
  });
  expect(res.status()).toBe(202);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    storageState: test.info().project.use.storageState,
  });
  const page = await context.newPage();
  await page.goto(`/projects/${projectId}`);
  const strip = page.getByTestId("jobs-strip");
  await expect(strip).toBeVisible();
  if ((await strip.getAttribute("data-open")) === "false") await page.getByTestId("jobs-toggle").click();
  const card = page.locator('[data-testid="job-card"][data-status="failed"]');
  await expect(card).toHaveCount(1, { timeout: 20_000 });
  const error = card.getByTestId("job-error");
  await expect(error.getByTestId("job-error-title")).toHaveText(WORDS["zh-CN"].unavailable);
  await expect(error.getByTestId("job-error-code")).toHaveText("upstream_unavailable");
  await expect(error.getByTestId("job-request-id")).not.toBeEmpty();
  await expect(page.getByText(/The server had an error/).filter({ visible: true })).toHaveCount(0);
  await error.getByText("详情", { exact: true }).click();
  await expect(error.getByText(/The server had an error/)).toBeVisible();
  await shot(page, "errors-job-card-zh-CN");
  await context.close();
});
