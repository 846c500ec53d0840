// GET /api/assets/:assetId/file[?variant=thumb] – the image bytes (streamed), or its small WebP thumbnail
import { z } from "zod";
import { findAsset } from "@/lib/assets/list-assets";
import { notFound } from "@/lib/errors";
import { readQuery, requireId, route } from "@/lib/http";
import { storage } from "@/lib/storage";

type Ctx = { params: Promise<{ assetId: string }> };

const querySchema = z.strictObject({ variant: z.enum(["original", "thumb"]).default("original") });

export const GET = route(async (req, ctx: Ctx) => {
  const asset = findAsset(requireId((await ctx.params).assetId, "ast", "asset"));
  const { variant } = readQuery(req, querySchema);
  const thumb = variant === "thumb";
  const key = thumb ? asset.thumbKey : asset.fileKey;
  const store = storage();
  const size = key ? await store.size(key) : null;
  if (!key || size === null) throw notFound("asset file", asset.id);
  const etag = `"${asset.sha256.slice(0, 32)}${thumb ? "-t" : ""}"`;
  // Asset bytes never change under an id, so caches may keep them for good.
  const headers = {
    "content-type": thumb ? "image/webp" : asset.mimeType,
    "cache-control": "private, max-age=31536000, immutable",
    etag,
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(store.stream(key), { headers: { ...headers, "content-length": String(size) } });
});
