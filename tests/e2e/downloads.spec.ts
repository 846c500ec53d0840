/**
 * Download totals through the real server (`npm start`, a production build): Next.js drops Content-Length from
 * route-handler answers, and instrumentation.ts gives it back where the handler knows it — an asset's file and
 * a ZIP export, on GET and on HEAD (no body) — while answers of unknown length stay chunked and compressible
 * ones are still compressed. The studio-internal header that carries the length is never sent.
 */
import { expect, test, type APIRequestContext } from "@/tests/helpers/e2e-test";
import { createProject, uploadImages } from "@/tests/helpers/e2e";

const MARK = "x-atelier-content-length";
/** No compression asked for: what a download manager (or `curl`) asks. */
const identity = { "accept-encoding": "identity" };

async function exportOf(request: APIRequestContext, format: "zip" | "json", assetIds: string[]): Promise<string> {
  const res = await request.post("/api/exports", { data: { format, assetIds } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { downloadUrl: string }).downloadUrl;
}

test.describe("download lengths", () => {
  let projectId: string;
  let assetIds: string[];
  test.beforeEach(async ({ request }) => {
    projectId = await createProject(request);
    assetIds = await uploadImages(request, projectId, 3);
  });

  test("an asset's file: Content-Length on GET, equal to its bytes, and on HEAD without a body", async ({
    request,
  }) => {
    const { asset } = (await (await request.get(`/api/assets/${assetIds[0]}`)).json()) as { asset: { bytes: number } };
    const res = await request.get(`/api/assets/${assetIds[0]}/file`, { headers: identity });
    expect(res.status()).toBe(200);
    const body = await res.body();
    expect(body.length).toBe(asset.bytes);
    expect(res.headers()["content-length"]).toBe(String(asset.bytes));
    expect(res.headers()["transfer-encoding"]).toBeUndefined();
    expect(res.headers()[MARK]).toBeUndefined();

    const head = await request.head(`/api/assets/${assetIds[0]}/file`, { headers: identity });
    expect(head.status()).toBe(200);
    expect(head.headers()["content-length"]).toBe(String(asset.bytes));
    expect(head.headers()[MARK]).toBeUndefined();
    expect((await head.body()).length).toBe(0);

    // Its thumbnail too; a revalidation is a 304 without one.
    const thumb = await request.get(`/api/assets/${assetIds[0]}/file?variant=thumb`, { headers: identity });
    expect(thumb.headers()["content-length"]).toBe(String((await thumb.body()).length));
    const etag = res.headers()["etag"];
    const again = await request.get(`/api/assets/${assetIds[0]}/file`, {
      headers: { ...identity, "if-none-match": etag },
    });
    expect(again.status()).toBe(304);
    expect(again.headers()["content-length"]).toBeUndefined();
  });

  test("a ZIP export: the exact Content-Length on GET and on HEAD", async ({ request }) => {
    const url = await exportOf(request, "zip", assetIds);
    const head = await request.head(url, { headers: identity });
    expect(head.status()).toBe(200);
    const length = head.headers()["content-length"];
    expect(length).toMatch(/^\d+$/);
    expect((await head.body()).length).toBe(0);

    const res = await request.get(url, { headers: identity });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/zip");
    const body = await res.body();
    expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(res.headers()["content-length"]).toBe(String(body.length));
    expect(length).toBe(String(body.length));
    expect(res.headers()[MARK]).toBeUndefined();
  });

  test("a JSON export (length unknown) stays chunked, and is still compressed for a client that takes gzip", async ({
    request,
  }) => {
    const url = await exportOf(request, "json", assetIds);
    const plain = await request.get(url, { headers: identity });
    expect(plain.status()).toBe(200);
    expect(plain.headers()["content-length"]).toBeUndefined();
    expect(plain.headers()["transfer-encoding"]).toBe("chunked");
    expect(JSON.parse((await plain.body()).toString("utf8"))).toHaveLength(3);

    const gzipped = await request.get(url, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers()["content-encoding"]).toBe("gzip");
    expect(gzipped.headers()["content-length"]).toBeUndefined();
    expect(gzipped.headers()[MARK]).toBeUndefined();
    expect(JSON.parse((await gzipped.body()).toString("utf8"))).toHaveLength(3); // decoded by the client
  });
});
