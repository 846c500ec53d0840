/** Made-up contract objects for store and helper tests (no server): an `Asset` and a `Generation` with `over` applied. */
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";

export function assetFixture(over: Partial<Asset> = {}): Asset {
  return {
    id: "ast_00000000000000000001",
    projectId: "prj_1",
    generationId: null,
    kind: "generated",
    mimeType: "image/png",
    width: 1,
    height: 1,
    bytes: 1,
    sha256: "",
    prompt: null,
    revisedPrompt: null,
    model: null,
    params: null,
    parentAssetIds: [],
    createdBy: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    originalName: null,
    fileUrl: "",
    thumbUrl: "",
    ...over,
  };
}

export function generationFixture(over: Partial<Generation> = {}): Generation {
  const at = over.createdAt ?? "2026-01-01T00:00:00.000Z";
  return {
    id: "gen_00000000000000000001",
    projectId: "prj_1",
    provider: "dmxapi_openai_img",
    model: "gpt-image-2",
    operation: "generate",
    prompt: "mug",
    params: {},
    inputAssetIds: [],
    maskAssetId: null,
    status: "queued",
    phase: "queued",
    message: "",
    current: 0,
    total: 1,
    missing: 0,
    assetIds: [],
    error: null,
    retryOf: null,
    purpose: null,
    usage: null,
    requestId: null,
    vendorRequestId: null,
    previews: [],
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}
