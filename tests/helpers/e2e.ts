import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { makeImage } from "@/tests/helpers/images";

/** Shared steps of the studio e2e specs. Every test makes its own project through the API. */

export async function createProject(request: APIRequestContext, name = `Studio ${Date.now()}`): Promise<string> {
  const res = await request.post("/api/projects", { data: { name } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

/**
 * The simulator's "today" listing (lib/simulator/catalog.ts TODAY_IDS, 2026-12-01), copied because that module is
 * server-only. Ark ids are never listed (Ark publishes no list): they stay `unknown` and usable.
 */
export const TODAY_MODELS = [
  "gpt-image-2",
  "gpt-image-2-2026-04-21",
  "gpt-image-2-ssvip",
  "gpt-image-2-03",
  "gemini-2.5-flash-image",
  "gemini-3-pro-image",
  "gemini-3.1-flash-image",
  "gemini-3.1-flash-lite-image",
] as const;

export type ListedModel = { id: string; shutdownDate?: string | null };

/**
 * What the simulated gateway lists, then `POST /api/models/refresh` so the studio reads it at once. `"all"` lists the
 * legacy ids WITH their past vendor shutdown dates, which the studio treats as unavailable: to make a retired model
 * usable again, list it explicitly (see `withLegacy`).
 */
export async function listModels(request: APIRequestContext, listing: "today" | "all" | ListedModel[]): Promise<void> {
  const res = await request.post("/sim/_control/models", {
    data: typeof listing === "string" ? { preset: listing } : { models: listing },
  });
  expect(res.ok(), await res.text()).toBe(true);
  expect((await request.post("/api/models/refresh")).ok()).toBe(true);
}

/** Today's listing plus retired ids with no shutdown date: the gateway serves them again (legacy rules as subject). */
export const withLegacy = (...ids: string[]): ListedModel[] => [
  ...TODAY_MODELS.map((id) => ({ id })),
  ...ids.map((id) => ({ id, shutdownDate: null })),
];

/** Faults, latency and requests cleared, today's listing back, and the studio's catalog re-read. */
export async function resetSimulator(request: APIRequestContext): Promise<void> {
  expect((await request.post("/sim/_control/reset")).ok()).toBe(true);
  await listModels(request, "today");
}

/** No admin model settings (hidden, aliases, default, timeouts): the catalog as the gateway alone makes it. */
export async function resetModelSettings(request: APIRequestContext): Promise<void> {
  expect((await request.put("/api/settings/models", { data: {} })).ok()).toBe(true);
}

/** The model picker's `<option>` of one model id. */
export const modelOption = (page: Page, id: string) => page.locator(`#model-picker option[value="${id}"]`);

export async function addFault(request: APIRequestContext, fault: Record<string, unknown>): Promise<void> {
  const res = await request.post("/sim/_control/faults", { data: fault });
  expect(res.ok()).toBe(true);
}

/** Upload `count` distinct PNGs through the API; answers their ids (newest first, as the grid shows them). */
export async function uploadImages(request: APIRequestContext, projectId: string, count: number): Promise<string[]> {
  const form = new FormData();
  for (let i = 0; i < count; i++) {
    const png = await makeImage(64 + i * 16, 64, "png");
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), `product-${i + 1}.png`);
  }
  const res = await request.post(`/api/projects/${projectId}/assets`, { multipart: form });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { assets: { id: string }[] }).assets.map((a) => a.id);
}

/** Start a generation through the API and wait until it has finished. */
export async function generateViaApi(
  request: APIRequestContext,
  projectId: string,
  prompt: string,
  n = 1,
  model = "gpt-image-2",
): Promise<string[]> {
  const res = await request.post(`/api/projects/${projectId}/generations`, {
    data: { model, operation: "generate", prompt, params: { n } },
  });
  expect(res.status()).toBe(202);
  const { generation } = (await res.json()) as { generation: { id: string } };
  let ids: string[] = [];
  await expect
    .poll(async () => {
      const s = (await (
        await request.get(`/api/projects/${projectId}/generations/${generation.id}/status`)
      ).json()) as { status: string; assetIds: string[] };
      ids = s.assetIds;
      return s.status;
    })
    .toBe("succeeded");
  return ids;
}

export async function openStudio(page: Page, projectId: string): Promise<void> {
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByLabel("Model", { exact: true })).toBeVisible();
}

/** Screenshots of the main states, for a human to look at (test-results/ is not committed). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.join("test-results", "studio-screens");
  fs.mkdirSync(dir, { recursive: true });
  // Let thumbnails finish loading and fading in, so the picture is what a user sees a moment later.
  // Waits on conditions, not a fixed time: finite animations (fades, slides) are over; spinners loop forever.
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll("img")].every((i) => i.complete) &&
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

export const tiles = (page: Page) => page.getByTestId("asset-tile");

/** Click a tile's selection surface (the tile body), with modifiers. */
export async function clickTile(
  page: Page,
  index: number,
  modifiers: ("Shift" | "ControlOrMeta")[] = [],
): Promise<void> {
  await tiles(page).nth(index).locator("button[aria-pressed]").click({ modifiers });
}

const SIGN_IN_WORDS = {
  "en-US": { email: "Email", password: "Password", submit: "Sign in" },
  "zh-CN": { email: "邮箱", password: "密码", submit: "登录" },
} as const;

/**
 * A teammate: a new user of `role` (made with the admin token), signed in through the sign-in page in a browser
 * of their own, landing on `path` (a studio link leads to sign-in, then back to it).
 */
export async function signedInTeammate(
  browser: Browser,
  request: APIRequestContext,
  opts: {
    baseURL: string | undefined;
    name: string;
    role: "manager" | "creator" | "viewer";
    path: string;
    locale?: keyof typeof SIGN_IN_WORDS;
    viewport?: { width: number; height: number };
  },
): Promise<{ context: BrowserContext; page: Page }> {
  const email = `${opts.role}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = "correct horse battery";
  const res = await request.post("/api/users", { data: { email, name: opts.name, role: opts.role, password } });
  expect(res.status()).toBe(201);
  const locale = opts.locale ?? "en-US";
  const context = await browser.newContext({
    baseURL: opts.baseURL,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto(opts.path);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  const words = SIGN_IN_WORDS[locale];
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole("button", { name: words.submit }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { context, page };
}
