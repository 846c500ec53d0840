import { adminStatePath, E2E_ADMIN, expect, test } from "@/tests/helpers/e2e-test";

// First run: every page leads to the setup form; it creates the first admin and signs them in.
test("first run: the setup form creates the admin, who lands signed in; the session is saved", async ({ page }) => {
  await page.goto("/projects/prj_00000000000000000000");
  await expect(page).toHaveURL(/\/setup$/);
  // Nothing else answers meanwhile: the API is 401 without credentials.
  const api = await page.request.get("/api/projects");
  expect(api.status()).toBe(401);

  await page.getByLabel("Name").fill(E2E_ADMIN.name);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("user-menu")).toContainText(E2E_ADMIN.name);
  await expect(page.getByTestId("user-role")).toHaveText("Admin");

  // Setup is closed now: the form leads to sign-in, and a second POST is 409.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);
  const again = await page.request.post("/api/setup", {
    data: { email: "x@atelier.test", name: "X", password: "another password" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(again.status()).toBe(409);
  await page.context().storageState({ path: adminStatePath() });
});
