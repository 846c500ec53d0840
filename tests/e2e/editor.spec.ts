import sharp from "sharp";
import { expect, test } from "@/tests/helpers/e2e-test";
import { addFault, createProject, listModels, resetSimulator, shot, withLegacy } from "@/tests/helpers/e2e";
import { drag, expectMask, uploadPhoto } from "@/tests/helpers/e2e-editor";

test.afterEach(async ({ request }) => resetSimulator(request));

test("inpaint: strokes, erase, undo/redo, clear and undo the clear; the mask survives a reload; an edit lands", async ({
  page,
  request,
}) => {
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  await page.goto(`/projects/${projectId}/assets/${assetId}/edit`);
  await expect(page.getByTestId("mask-canvas").locator("canvas").first()).toBeVisible();

  await drag(page, [0.35, 0.35], [0.65, 0.4]);
  await drag(page, [0.35, 0.55], [0.65, 0.6]);
  await expectMask(page, 2, 2, 0);
  await page.getByTestId("tool-eraser").click();
  await drag(page, [0.5, 0.3], [0.5, 0.65]);
  await expectMask(page, 3, 3, 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expectMask(page, 2, 2, 1);
  await page.keyboard.press("ControlOrMeta+Shift+Z");
  await expectMask(page, 3, 3, 0);
  await page.getByRole("button", { name: "Clear" }).click();
  await expectMask(page, 0, 4, 0);
  await page.keyboard.press("ControlOrMeta+Z");
  await expectMask(page, 3, 3, 1);
  // Brush size is a setting, not history.
  await page.keyboard.press("]");
  await expectMask(page, 3, 3, 1);
  await shot(page, "20-inpaint-mask");

  await page.reload();
  await expectMask(page, 3, 3, 1);

  await page.getByLabel("What should change").fill("replace the label with a plain white one");
  await page.getByTestId("inpaint-submit").click();
  await expect(page.getByTestId("inpaint-result")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("compare")).toBeVisible();
  await shot(page, "21-inpaint-result");

  const gens = (await (await request.get(`/api/projects/${projectId}/generations?limit=5`)).json()) as {
    generations: {
      operation: string;
      maskAssetId: string;
      inputAssetIds: string[];
      assetIds: string[];
      status: string;
    }[];
  };
  const edit = gens.generations[0];
  expect(edit).toMatchObject({ operation: "edit", status: "succeeded", inputAssetIds: [assetId] });
  const mask = (await (await request.get(`/api/assets/${edit.maskAssetId}`)).json()) as {
    asset: { kind: string; width: number; height: number };
  };
  expect(mask.asset).toMatchObject({ kind: "mask", width: 600, height: 480 });
  const result = (await (await request.get(`/api/assets/${edit.assetIds[0]}`)).json()) as {
    asset: { kind: string; parentAssetIds: string[] };
  };
  expect(result.asset).toMatchObject({ kind: "edit", parentAssetIds: [assetId] });
});

test("cutout: two local runs, a failing AI run keeps the last good result, revert restores it", async ({
  page,
  request,
}) => {
  // An AI cutout needs a transparent background, which only the retired GPT Image 1 family offers.
  await listModels(request, withLegacy("gpt-image-1"));
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  await page.goto(`/projects/${projectId}/assets/${assetId}/edit?tab=cutout`);
  const preview = page.getByTestId("cutout-preview");
  const runs = page.getByTestId("cutout-run");

  await page.getByTestId("cutout-run-button").click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="succeeded"]')).toHaveCount(1);
  const first = await preview.getAttribute("data-shown");
  expect(first).toMatch(/^ast_/);

  const tolerance = page.getByTestId("cutout-tolerance");
  await tolerance.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("cutout-tolerance-value")).toHaveText("30");
  await page.getByTestId("cutout-run-button").click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="succeeded"]')).toHaveCount(2);
  const second = await preview.getAttribute("data-shown");
  expect(second).not.toBe(first);

  await addFault(request, { kind: "server_error", times: 1 });
  await page.getByRole("radio", { name: "AI model" }).click();
  await page.getByTestId("cutout-run-button").click();
  await expect(page.locator('[data-testid="cutout-run"][data-status="failed"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(preview).toHaveAttribute("data-shown", second!);
  await shot(page, "22-cutout-after-failure");

  // Look at the first result, then revert to the last successful one.
  await runs.nth(2).click();
  await expect(preview).toHaveAttribute("data-shown", first!);
  await page.getByTestId("cutout-revert").click();
  await expect(preview).toHaveAttribute("data-shown", second!);
  await expect(page.getByTestId("cutout-tolerance-value")).toHaveText("30");
  // Params are undoable: the revert was one step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("radio", { name: "AI model" })).toHaveAttribute("aria-checked", "true");
});

test("the detail view opens the editor, and the editor can delete its asset", async ({ page, request }) => {
  const projectId = await createProject(request);
  const assetId = await uploadPhoto(request, projectId);
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("asset-tile").first().hover();
  await page.getByTestId("asset-tile").first().getByRole("button", { name: "Open details" }).click();
  await page.getByRole("link", { name: "Edit with mask" }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${assetId}/edit`));
  await page.getByRole("button", { name: "Delete asset" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete asset" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  expect((await request.get(`/api/assets/${assetId}`)).status()).toBe(404);
});

test("a 4096² image: strokes register and the mask is sent at the image's own size", async ({ page, request }) => {
  const projectId = await createProject(request);
  const big = await sharp({ create: { width: 4096, height: 4096, channels: 3, background: "#f4f4f4" } })
    .composite([
      {
        input: await sharp({ create: { width: 1600, height: 2000, channels: 3, background: "#2a6fdb" } })
          .png()
          .toBuffer(),
        left: 1248,
        top: 1048,
      },
    ])
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(big)], { type: "image/png" }), "big.png");
  const up = await request.post(`/api/projects/${projectId}/assets`, { multipart: form });
  const assetId = ((await up.json()) as { assets: { id: string }[] }).assets[0].id;

  await page.goto(`/projects/${projectId}/assets/${assetId}/edit`);
  await expect(page.getByTestId("mask-canvas").locator("canvas").first()).toBeVisible();
  for (let i = 0; i < 12; i++) await drag(page, [0.3, 0.3 + i * 0.03], [0.7, 0.32 + i * 0.03]);
  await expectMask(page, 12, 12, 0);
  await page.getByLabel("What should change").fill("make the box green");
  await page.getByTestId("inpaint-submit").click();
  await expect(page.getByTestId("inpaint-result")).toBeVisible({ timeout: 30_000 });
  const gens = (await (await request.get(`/api/projects/${projectId}/generations?limit=1`)).json()) as {
    generations: { maskAssetId: string }[];
  };
  const mask = (await (await request.get(`/api/assets/${gens.generations[0].maskAssetId}`)).json()) as {
    asset: { width: number; height: number; mimeType: string };
  };
  expect(mask.asset).toMatchObject({ width: 4096, height: 4096, mimeType: "image/png" });
});
