import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { makeImage } from "@/tests/helpers/images";

/** Shared steps of the studio e2e specs. Every test makes its own project through the API. */

export async function createProject(request: APIRequestContext, name = `Studio ${Date.now()}`): Promise<string> {
  const res = await request.post("/api/projects", { data: { name } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

export async function resetSimulator(request: APIRequestContext): Promise<void> {
  await request.post("/sim/_control/reset");
}

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
): Promise<string[]> {
  const res = await request.post(`/api/projects/${projectId}/generations`, {
    data: { model: "gpt-image-1", operation: "generate", prompt, params: { n } },
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
  await page
    .waitForFunction(() => [...document.querySelectorAll("img")].every((i) => i.complete), undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(400);
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
