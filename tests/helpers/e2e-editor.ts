/** Editor steps shared by the e2e specs: the product photo they edit, strokes on the mask canvas, its state. */
import sharp from "sharp";
import { expect, type APIRequestContext, type Page } from "./e2e-test";

/** A red product on an off-white background, 600×480: the local cutout's favourite kind of photo. */
export async function productPhoto(): Promise<Buffer> {
  const product = await sharp({ create: { width: 260, height: 300, channels: 3, background: "#c8283c" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 600, height: 480, channels: 3, background: "#f8f8f8" } })
    .composite([{ input: product, left: 170, top: 90 }])
    .png()
    .toBuffer();
}

/** Upload the product photo (as `mug.png`) into `projectId`; answers its asset id. */
export async function uploadPhoto(request: APIRequestContext, projectId: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await productPhoto())], { type: "image/png" }), "mug.png");
  const res = await request.post(`/api/projects/${projectId}/assets`, { multipart: form });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { assets: { id: string }[] }).assets[0].id;
}

/** A stroke on the mask canvas from `from` to `to` (fractions of its box), in eight moves. */
export async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.getByTestId("mask-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(
      box.x + box.width * (from[0] + ((to[0] - from[0]) * i) / 8),
      box.y + box.height * (from[1] + ((to[1] - from[1]) * i) / 8),
    );
  await page.mouse.up();
}

/** The mask canvas holds `strokes` strokes, with `undo` and `redo` steps available. */
export async function expectMask(page: Page, strokes: number, undo: number, redo: number): Promise<void> {
  const c = page.getByTestId("mask-canvas");
  await expect(c).toHaveAttribute("data-strokes", String(strokes));
  await expect(c).toHaveAttribute("data-undo", String(undo));
  await expect(c).toHaveAttribute("data-redo", String(redo));
}
