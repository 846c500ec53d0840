/**
 * Bodies past 10 MB through the real server: Next.js buffers the body of any request its proxy sees and cuts
 * it at 10 MB, so the upload route and the built-in simulator skip the proxy (proxy.ts) — and must still
 * refuse a foreign Host themselves.
 */
import { expect, test } from "@/tests/helpers/e2e-test";
import { createProject } from "@/tests/helpers/e2e";
import { noisePng } from "@/tests/helpers/images";

test("a 24 MB upload arrives whole, and an edit of it goes through the built-in simulator", async ({ request }) => {
  test.setTimeout(120_000);
  const projectId = await createProject(request);
  const png = await noisePng(2900); // ~24 MB
  expect(png.length).toBeGreaterThan(20 * 1024 * 1024);
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "big.png");
  const res = await request.post(`/api/projects/${projectId}/assets`, { multipart: form });
  expect(res.status(), await res.text()).toBe(201);
  const [asset] = ((await res.json()) as { assets: { id: string; bytes: number; width: number }[] }).assets;
  expect(asset.bytes).toBe(png.length);
  expect(asset.width).toBe(2900);

  const started = await request.post(`/api/projects/${projectId}/generations`, {
    data: { model: "gpt-image-2", operation: "edit", prompt: "on marble", params: {}, inputAssetIds: [asset.id] },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { generation } = (await started.json()) as { generation: { id: string } };
  await expect
    .poll(
      async () => {
        const g = await request.get(`/api/projects/${projectId}/generations/${generation.id}`);
        const body = (await g.json()) as { generation: { status: string; error: { message: string } | null } };
        return body.generation.status === "failed"
          ? `failed: ${body.generation.error?.message}`
          : body.generation.status;
      },
      { timeout: 60_000 },
    )
    .toBe("succeeded");
});

test("the routes that skip the proxy still refuse a host name the studio does not answer to", async ({ request }) => {
  const projectId = await createProject(request);
  for (const path of [`/api/projects/${projectId}/assets`, "/sim/v1/models"]) {
    const res = await request.get(path, { headers: { host: "rebound.attacker.example" } });
    expect(res.status(), path).toBe(421);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  }
});
