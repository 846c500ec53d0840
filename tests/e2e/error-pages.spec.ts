import { expect, test } from "@/tests/helpers/e2e-test";
import { shot } from "@/tests/helpers/e2e";

/** The branded 404 (unknown pages and unknown projects), the icons and manifest, and the JSON 404 of the API. */

test.describe("not found", () => {
  for (const url of ["/some-missing-page", "/projects/prj_doesnotexist"]) {
    test(`${url} answers 404 with the studio's page, in English and Chinese`, async ({ page, context, baseURL }) => {
      const res = await page.goto(url);
      expect(res?.status()).toBe(404);
      const panel = page.getByTestId("error-page-not-found");
      await expect(panel).toBeVisible();
      await expect(panel.getByRole("heading", { level: 1 })).toHaveText("This page is not in the studio");
      await expect(page).toHaveTitle("Page not found — Atelier");
      // The header stays, so the studio is one click away.
      await expect(page.getByRole("link", { name: "Projects", exact: true })).toBeVisible();

      await context.addCookies([{ name: "atelier-locale", value: "zh-CN", url: baseURL! }]);
      expect((await page.reload())?.status()).toBe(404);
      await expect(panel.getByRole("heading", { level: 1 })).toHaveText("工作室里没有这个页面");
      await expect(page).toHaveTitle("页面不存在 — Atelier");
      await shot(page, `50-not-found-${url.split("/")[1]}-zh-CN`);

      await page.getByTestId("error-page-home").click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1, name: "项目" })).toBeVisible();
    });
  }

  test("the icons and the manifest are served with their types", async ({ request }) => {
    const expected: [string, RegExp][] = [
      ["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
      ["/icon.svg", /^image\/svg\+xml/],
      ["/apple-icon.png", /^image\/png/],
      ["/manifest.webmanifest", /^application\/manifest\+json/],
    ];
    for (const [url, type] of expected) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()["content-type"], url).toMatch(type);
      expect((await res.body()).length, url).toBeGreaterThan(0);
    }
    const manifest = (await (await request.get("/manifest.webmanifest")).json()) as {
      name: string;
      icons: { src: string }[];
    };
    expect(manifest.name).toBe("Atelier");
    for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  });

  test("an unknown API URL answers the JSON error shape, for every method", async ({ request }) => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const res = await request.fetch("/api/nope", { method, data: method === "GET" ? undefined : {} });
      expect(res.status(), method).toBe(404);
      expect(res.headers()["content-type"], method).toMatch(/^application\/json/);
      expect(await res.json(), method).toEqual({
        error: { code: "not_found", message: expect.any(String), details: {} },
      });
    }
    // Deeper unknown paths under real routes too.
    const deep = await request.get("/api/projects/prj_doesnotexist/nope");
    expect(deep.status()).toBe(404);
    expect(((await deep.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
