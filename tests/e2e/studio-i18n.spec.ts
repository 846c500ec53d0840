import { expect, test } from "@/tests/helpers/e2e-test";
import { createProject, openStudio, shot } from "@/tests/helpers/e2e";

test("the studio switches between English and Chinese", async ({ page, request }) => {
  const projectId = await createProject(request, `多语言 ${Date.now()}`);
  await openStudio(page, projectId);
  await expect(page.getByRole("button", { name: /^Generate\b/ })).toBeVisible();
  await expect(page.getByText("No images yet")).toBeVisible();

  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByRole("button", { name: /^生成 / })).toBeVisible();
  await expect(page.getByText("还没有图片")).toBeVisible();
  await expect(page.getByLabel("模型", { exact: true })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "质量" })).toBeVisible();
  await expect(page.getByTestId("param-output_compression")).toContainText("仅在输出格式为 JPEG / WebP 时可用");
  await shot(page, "07-zh-CN");

  await page.reload();
  await expect(page.getByRole("button", { name: /^生成 / })).toBeVisible();
  await page.getByTestId("locale-switch").selectOption("en");
  await expect(page.getByRole("button", { name: /^Generate\b/ })).toBeVisible();
  await expect(page.getByText("No images yet")).toBeVisible();
});
