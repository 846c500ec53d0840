import { createProject, generateViaApi, tiles } from "@/tests/helpers/e2e";
import { E2E_ADMIN, expect, test } from "@/tests/helpers/e2e-test";

const VIEWER = { name: "Vera Viewer", email: `vera.${Date.now()}@atelier.test` };

test.describe("team access", () => {
  test("the admin invites a viewer, who signs in and sees no Generate, upload or Delete", async ({
    page,
    browser,
    request,
    baseURL,
  }) => {
    const projectId = await createProject(request, `Catalog ${Date.now()}`);
    await generateViaApi(request, projectId, "white mug on marble");

    // The admin adds the viewer with an initial password from the team page.
    await page.goto("/settings/users");
    const form = page.getByTestId("add-user-form");
    await form.getByTestId("new-user-name").fill(VIEWER.name);
    await form.getByTestId("new-user-email").fill(VIEWER.email);
    await form.getByTestId("new-user-role").selectOption("viewer");
    await form.getByTestId("generate-password").click();
    const password = await form.getByTestId("new-user-password").inputValue();
    expect(password.length).toBeGreaterThanOrEqual(16);
    await form.getByTestId("add-user-submit").click();
    await expect(page.getByTestId(`user-row-${VIEWER.email}`)).toBeVisible();

    // The viewer, in a browser of their own: a studio link leads to sign-in, then back to it.
    const ctx = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const viewer = await ctx.newPage();
    await viewer.goto(`/projects/${projectId}`);
    await expect(viewer).toHaveURL(/\/sign-in\?next=/);
    await viewer.getByLabel("Email").fill(VIEWER.email);
    await viewer.getByLabel("Password").fill(password);
    await viewer.getByRole("button", { name: "Sign in" }).click();
    await expect(viewer).toHaveURL(new RegExp(`/projects/${projectId}$`));
    await expect(viewer.getByTestId("user-role")).toHaveText("Viewer");
    await expect(viewer.getByTestId("read-only-note")).toBeVisible();

    // Looks, downloads — nothing else.
    await expect(tiles(viewer)).toHaveCount(1);
    await expect(viewer.getByRole("button", { name: /^Generate\b/ })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Upload", exact: true })).toHaveCount(0);
    await expect(tiles(viewer).first().getByRole("button", { name: "Delete image" })).toHaveCount(0);
    await tiles(viewer).first().getByRole("button", { name: "Open details" }).click();
    const detail = viewer.getByTestId("asset-detail");
    await expect(detail.getByRole("link", { name: "Download" })).toBeVisible();
    await expect(detail.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(detail.getByRole("button", { name: "Use as edit input" })).toHaveCount(0);
    await viewer.keyboard.press("Escape");
    await expect(viewer.getByTestId("nav-users")).toHaveCount(0);
    await expect(viewer.getByTestId("nav-settings")).toHaveCount(0);

    // The server says the same: the viewer's own cookie cannot generate (403), whatever the page shows.
    const refused = await viewer.evaluate(async (id) => {
      const res = await fetch(`/api/projects/${id}/generations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-image-2", operation: "generate", prompt: "x", params: {} }),
      });
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    }, projectId);
    expect(refused).toEqual({ status: 403, code: "forbidden" });

    // Signing out ends the session: the studio leads back to sign-in.
    await viewer.getByTestId("user-menu").click();
    await viewer.getByTestId("sign-out").click();
    await expect(viewer).toHaveURL(/\/sign-in/);
    await viewer.goto(`/projects/${projectId}`);
    await expect(viewer).toHaveURL(/\/sign-in\?next=/);
    await ctx.close();
  });

  test("pages and API answers carry the security headers; a wrong password says so in both languages", async ({
    browser,
    baseURL,
    request,
  }) => {
    const pageRes = await request.get("/");
    expect(pageRes.headers()["x-content-type-options"]).toBe("nosniff");
    expect(pageRes.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(pageRes.headers()["referrer-policy"]).toBe("same-origin");
    const apiRes = await request.get("/api/projects");
    expect(apiRes.headers()["x-content-type-options"]).toBe("nosniff");

    for (const [locale, message] of [
      ["en", "Wrong email or password"],
      ["zh-CN", "邮箱或密码错误"],
    ] as const) {
      const ctx = await browser.newContext({ baseURL, locale, storageState: { cookies: [], origins: [] } });
      const page = await ctx.newPage();
      await page.goto("/sign-in");
      await page.locator("#email").fill(E2E_ADMIN.email);
      await page.locator("#password").fill("not the password");
      await page.locator("form button[type=submit]").click();
      await expect(page.getByTestId("sign-in-error")).toContainText(message);
      await ctx.close();
    }
  });
});
