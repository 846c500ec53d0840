/**
 * Gemini and Ark generations end to end: route handlers → job runner → provider modules → a standalone
 * simulator speaking the Gemini-native and Ark wire protocols.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as getFile } from "@/app/api/assets/[assetId]/file/route";
import { GET as getModels } from "@/app/api/models/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { GET as status } from "@/app/api/projects/[projectId]/generations/[generationId]/status/route";
import { findAsset } from "@/lib/assets/list-assets";
import { toAsset } from "@/lib/assets/serialize";
import type { Asset } from "@/lib/contracts/assets";
import type { RecordedRequest } from "@/lib/simulator";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "3000", JOB_CONCURRENCY: "4" }));

const S40 = "doubao-seedream-4-0-250828";
const SEEDEDIT = "doubao-seededit-3-0-i2i-250628";
const assetOf = async (id: string): Promise<Asset> => toAsset(await findAsset(id));
const lastRequest = (pathPrefix: string): RecordedRequest =>
  sim.simulator.requests.filter((r) => r.path.startsWith(pathPrefix)).at(-1)!;

async function pixels(asset: Asset): Promise<[number, number]> {
  const res = await getFile(authedRequest(`http://x${asset.fileUrl}`), ctx({ assetId: asset.id }));
  const m = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return [m.width ?? 0, m.height ?? 0];
}

async function uploadImages(projectId: string, files: Buffer[]): Promise<Asset[]> {
  const parts = files.map((b, i) => ({ name: "file", value: b, filename: `${i}.png` }));
  const res = await upload(
    authedRequest(`http://x/api/projects/${projectId}/assets`, { method: "POST", body: multipart(parts) }),
    ctx({ projectId }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { assets: Asset[] }).assets;
}

describe("the registry served to the panel", () => {
  it("lists the Gemini and Ark cards with their own feature tags, all providers simulated", async () => {
    const body = (await (await getModels(authedRequest("http://x/api/models"), undefined)).json()) as {
      providers: { id: string; configured: boolean; simulated: boolean }[];
      models: { id: string; provider: string; featureTags: string[]; params: Record<string, { label: string }> }[];
    };
    expect(body.providers.filter((p) => p.id !== "dmxapi_openai_img").every((p) => p.configured && p.simulated)).toBe(
      true,
    );
    const pro = body.models.find((m) => m.id === "gemini-3-pro-image")!;
    expect(pro.provider).toBe("dmxapi_gemini");
    expect(pro.featureTags).toEqual(expect.arrayContaining(["gm_aspect_ratio", "gm_image_size"]));
    expect(Object.keys(pro.params)).toEqual(["aspect_ratio", "image_size", "google_search"]);
    const seedream = body.models.find((m) => m.id === S40)!;
    expect(seedream.featureTags).toEqual(expect.arrayContaining(["ark_sequential", "ark_watermark"]));
    expect(seedream.params.max_images.label).toBe("Max images");
  });
});

describe("Gemini (dmxapi_gemini)", () => {
  it("generates a 16:9 2K image with gemini-3-pro-image", async () => {
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, {
      model: "gemini-3-pro-image",
      operation: "generate",
      prompt: "a sneaker on white",
      params: { aspect_ratio: "16:9", image_size: "2K" },
    });
    expect(g0).toMatchObject({
      provider: "dmxapi_gemini",
      status: "queued",
      total: 1,
      // Stored as chosen: the unchosen google_search default is neither stored nor sent.
      params: { aspect_ratio: "16:9", image_size: "2K" },
    });
    expect(g0.params).not.toHaveProperty("google_search");
    const g = await waitFor(projectId, g0.id);
    expect(g, JSON.stringify(g.error)).toMatchObject({
      status: "succeeded",
      phase: "done",
      current: 1,
      total: 1,
      error: null,
    });
    expect(g.usage).toMatchObject({ candidatesTokensDetails: expect.any(Array) });
    const sent = lastRequest("/v1beta/");
    expect(sent.path).toBe("/v1beta/models/gemini-3-pro-image:generateContent");
    expect(sent.authScheme).toBe("goog");
    expect(sent.json).toEqual({
      contents: [{ role: "user", parts: [{ text: "a sneaker on white" }] }],
      generationConfig: {
        responseModalities: ["TEXT", "IMAGE"],
        imageConfig: { aspectRatio: "16:9", imageSize: "2K" },
      },
    });
    // Behind the gateway: its own id first, the vendor's beside it (§J.3).
    expect([g.requestId, g.vendorRequestId]).toEqual([sent.gatewayId, sent.id]);
    const a = await assetOf(g.assetIds[0]);
    expect(a).toMatchObject({
      kind: "generated",
      model: "gemini-3-pro-image",
      width: 2688,
      height: 1536,
      mimeType: "image/png",
    });
    expect(await pixels(a)).toEqual([2688, 1536]);
  });

  it("edits two uploaded images with gemini-2.5-flash-image: inline_data parts, the output follows the first input", async () => {
    const projectId = await newProject();
    const [a, b] = await uploadImages(projectId, [await makeImage(600, 400), await makeImage(300, 300, "jpeg")]);
    const g0 = await startGeneration(projectId, {
      model: "gemini-2.5-flash-image",
      operation: "edit",
      prompt: "put the mug on a wooden table",
      inputAssetIds: [a.id, b.id],
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    const parts = (lastRequest("/v1beta/").json as { contents: { parts: Record<string, { mime_type?: string }>[] }[] })
      .contents[0].parts;
    expect(parts.map((p) => Object.keys(p)[0])).toEqual(["text", "inline_data", "inline_data"]);
    expect(parts.slice(1).map((p) => p.inline_data.mime_type)).toEqual(["image/png", "image/jpeg"]);
    const result = await assetOf(g.assetIds[0]);
    expect(result).toMatchObject({ kind: "edit", parentAssetIds: [a.id, b.id], width: 1248, height: 832 });
  });

  it("reads an image sent back as a data URL in a text part (the documented quirk)", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "gemini_text_data_url", model: "gemini-3.1-flash-image" });
    const g0 = await startGeneration(projectId, {
      model: "gemini-3.1-flash-image",
      operation: "generate",
      prompt: "a banner",
      params: { aspect_ratio: "4:1" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    expect(await assetOf(g.assetIds[0])).toMatchObject({ width: 2048, height: 512 });
  });

  it("ends a safety block (IMAGE_SAFETY, no image) as upstream_moderation_blocked with the request id", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "moderation", model: "gemini-2.5-flash-image" });
    const g0 = await startGeneration(projectId, {
      model: "gemini-2.5-flash-image",
      operation: "generate",
      prompt: "blocked",
    });
    const g = await waitFor(projectId, g0.id);
    expect(g).toMatchObject({ status: "failed", current: 0, assetIds: [] });
    expect(g.error).toMatchObject({
      code: "upstream_moderation_blocked",
      requestId: lastRequest("/v1beta/").gatewayId,
      vendorRequestId: lastRequest("/v1beta/").id,
      httpStatus: 200,
    });
    expect(g.error?.message).toContain("IMAGE_SAFETY");
  });

  it.each([
    ["rate_limit", "upstream_rate_limited", 429],
    ["auth", "upstream_auth", 401],
    ["server_error", "upstream_unavailable", 500],
    ["invalid_json", "upstream_bad_response", 200],
  ] as const)("maps the %s fault to %s with the request id and status", async (kind, code, httpStatus) => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind, path: "/v1beta/" });
    const g0 = await startGeneration(projectId, {
      model: "gemini-3-pro-image",
      operation: "generate",
      prompt: "fault",
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("failed");
    const last = lastRequest("/v1beta/");
    expect(g.error).toMatchObject({ code, requestId: last.gatewayId, vendorRequestId: last.id, httpStatus });
    expect(g.error?.message).not.toContain("sk-atelier-simulator");
  });

  it("refuses what the Gemini cards do not take before anything reaches the upstream", async () => {
    const projectId = await newProject();
    const [a, b, c, d] = await uploadImages(projectId, await Promise.all([1, 2, 3, 4].map(() => makeImage(64, 64))));
    const before = sim.simulator.requests.length;
    const cases: [unknown, string][] = [
      [
        { model: "gemini-2.5-flash-image", operation: "generate", prompt: "x", params: { image_size: "2K" } },
        "param_not_supported",
      ],
      [{ model: "gemini-3-pro-image", operation: "generate", prompt: "x", params: { n: 2 } }, "param_not_supported"],
      [
        { model: "gemini-3-pro-image", operation: "generate", prompt: "x", params: { aspect_ratio: "8:1" } },
        "invalid_request",
      ],
      [
        { model: "gemini-2.5-flash-image", operation: "edit", prompt: "x", inputAssetIds: [a.id, b.id, c.id, d.id] },
        "invalid_request",
      ],
      [
        { model: "gemini-2.5-flash-image", operation: "edit", prompt: "x", inputAssetIds: [a.id], maskAssetId: b.id },
        "invalid_request",
      ],
    ];
    for (const [body, code] of cases) {
      const res = await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId }));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code, JSON.stringify(body)).toBe(code);
    }
    expect(sim.simulator.requests.length).toBe(before);
  });
});

describe("Ark (Seedream / SeedEdit)", () => {
  it("generates a group of 3 where one image fails upstream: 2 assets saved, the failure reported", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "partial_failure", model: S40 });
    const g0 = await startGeneration(projectId, {
      model: S40,
      operation: "generate",
      prompt: "三张连贯的咖啡杯广告图",
      params: { sequential_image_generation: "auto", max_images: 3, size: "1K" },
    });
    expect(g0).toMatchObject({
      provider: "ark",
      total: 3,
      params: {
        sequential_image_generation: "auto",
        max_images: 3,
        size: "1K",
        response_format: "b64_json",
        watermark: false,
      },
    });
    const g = await waitFor(projectId, g0.id);
    const sent = lastRequest("/api/v3/");
    expect(sent.authScheme).toBe("bearer");
    expect(sent.json).toEqual({
      model: S40,
      prompt: "三张连贯的咖啡杯广告图",
      size: "1K",
      sequential_image_generation: "auto",
      sequential_image_generation_options: { max_images: 3 },
      response_format: "b64_json",
      watermark: false,
    });
    expect(g).toMatchObject({ status: "failed", current: 2, total: 3 });
    expect(g.assetIds).toHaveLength(2);
    expect(g.error).toMatchObject({ code: "upstream_moderation_blocked", requestId: sent.id, httpStatus: 200 });
    expect(g.error?.message).toMatch(/^image 2 of 3: OutputImageSensitiveContentDetected: /);
    expect(g.message).toMatch(/^2 of 3 images saved; image 2 of 3: OutputImageSensitiveContentDetected/);
    expect(g.usage).toMatchObject({ generated_images: 2 });
    for (const id of g.assetIds)
      expect(await assetOf(id)).toMatchObject({
        kind: "generated",
        model: S40,
        width: 1024,
        height: 1024,
        mimeType: "image/jpeg",
      });
    const st = (await (await status(authedRequest("http://x/"), ctx({ projectId, generationId: g0.id }))).json()) as {
      current: number;
      total: number;
      error: { code: string; requestId: string };
    };
    expect(st).toMatchObject({
      current: 2,
      total: 3,
      error: { code: "upstream_moderation_blocked", requestId: sent.id },
    });
  });

  it("a group the model makes smaller than max_images (nothing failed) succeeds with total = what came back", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "short_group", model: S40 });
    const g0 = await startGeneration(projectId, {
      model: S40,
      operation: "generate",
      prompt: "a few mugs",
      params: { sequential_image_generation: "auto", max_images: 3, size: "1K" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g).toMatchObject({ status: "succeeded", phase: "done", current: 2, total: 2, error: null });
    expect(g.message).toBe("2 images saved (the model made 2 of up to 3)");
  });

  it("edits with SeedEdit: the reference image goes out as a data URL, the result is an edit asset", async () => {
    const projectId = await newProject();
    const [a] = await uploadImages(projectId, [await makeImage(640, 360)]);
    const g0 = await startGeneration(projectId, {
      model: SEEDEDIT,
      operation: "edit",
      prompt: "make it blue",
      inputAssetIds: [a.id],
      params: { seed: 7, response_format: "url" },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    const sent = lastRequest("/api/v3/").json as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: SEEDEDIT,
      seed: 7,
      response_format: "url",
      watermark: false,
    });
    // 5.5 is the card's default, not a choice: left to Ark.
    expect(sent).not.toHaveProperty("guidance_scale");
    expect(String(sent.image)).toMatch(/^data:image\/png;base64,/);
    expect(sent).not.toHaveProperty("size");
    const result = await assetOf(g.assetIds[0]);
    expect(result).toMatchObject({ kind: "edit", parentAssetIds: [a.id], mimeType: "image/jpeg" });
    expect(result.width / result.height).toBeCloseTo(16 / 9, 1);
  });

  it.each([
    ["auth", "upstream_auth", 401],
    ["quota", "upstream_quota", 429],
    ["unavailable", "upstream_unavailable", 503],
    ["gateway_timeout", "upstream_timeout", 504],
  ] as const)("maps the %s fault to %s with the request id and status", async (kind, code, httpStatus) => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind, path: "/api/v3/" });
    const g0 = await startGeneration(projectId, {
      model: "doubao-seedream-3-0-t2i-250415",
      operation: "generate",
      prompt: "fault",
      params: { seed: 1 },
    });
    const g = await waitFor(projectId, g0.id);
    expect(g.status).toBe("failed");
    expect(g.error).toMatchObject({ code, requestId: lastRequest("/api/v3/").id, httpStatus });
  });

  it("refuses what the Ark cards do not take before anything reaches the upstream", async () => {
    const projectId = await newProject();
    const refs = await uploadImages(projectId, await Promise.all(Array.from({ length: 13 }, () => makeImage(64, 64))));
    const before = sim.simulator.requests.length;
    const cases: [unknown, string, string][] = [
      [{ model: S40, operation: "generate", prompt: "x", params: { n: 2 } }, "param_not_supported", ""],
      [
        { model: S40, operation: "generate", prompt: "x", params: { max_images: 3 } },
        "invalid_request",
        "params.max_images",
      ],
      [
        { model: S40, operation: "generate", prompt: "x", params: { size: "512x512" } },
        "invalid_request",
        "params.size",
      ],
      [
        { model: "doubao-seedream-4-5-251128", operation: "generate", prompt: "x", params: { size: "1K" } },
        "invalid_request",
        "params.size",
      ],
      [{ model: S40, operation: "generate", prompt: "x", params: { seed: 1 } }, "param_not_supported", ""],
      [
        {
          model: S40,
          operation: "edit",
          prompt: "x",
          inputAssetIds: refs.map((r) => r.id),
          params: { sequential_image_generation: "auto", max_images: 3 },
        },
        "invalid_request",
        "params.max_images",
      ],
      [
        { model: SEEDEDIT, operation: "edit", prompt: "x", inputAssetIds: [refs[0].id, refs[1].id] },
        "invalid_request",
        "inputAssetIds",
      ],
      [{ model: SEEDEDIT, operation: "generate", prompt: "x" }, "operation_not_supported", ""],
      [
        { model: "doubao-seedream-3-0-t2i-250415", operation: "generate", prompt: "x", params: { size: "2048x400" } },
        "invalid_request",
        "params.size",
      ],
    ];
    for (const [body, code, path] of cases) {
      const res = await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId }));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.code, JSON.stringify(body)).toBe(code);
      if (path)
        expect(
          (err.details.issues as { path: string }[]).map((i) => i.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    expect(sim.simulator.requests.length).toBe(before);
  });
});
