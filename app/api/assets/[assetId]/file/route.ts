// GET /api/assets/:assetId/file[?variant=thumb][&download=1] – the image bytes (streamed) under the asset's file
// name (inline, or an attachment with download=1), or its small WebP thumbnail; HEAD – the same headers, nothing opened
import { z } from "zod";
import { findAsset } from "@/lib/assets/list-assets";
import { contentDisposition } from "@/lib/content-disposition";
import { assetFileName } from "@/lib/contracts/file-names";
import { extensionOf } from "@/lib/contracts/mime";
import { notFound } from "@/lib/errors";
import { methodNotAllowed, readQuery, requireId, route } from "@/lib/http";
import { storage } from "@/lib/storage";

type Ctx = { params: Promise<{ assetId: string }> };

const querySchema = z.strictObject({
  variant: z.enum(["original", "thumb"]).default("original"),
  /** 1: `Content-Disposition: attachment` (save), else inline (show). */
  download: z.enum(["0", "1"]).default("0"),
});

async function serve(req: Request, ctx: Ctx, head: boolean): Promise<Response> {
  const asset = await findAsset(requireId((await ctx.params).assetId, "ast", "asset"));
  const { variant, download } = readQuery(req, querySchema);
  const thumb = variant === "thumb";
  const key = thumb ? asset.thumbKey : asset.fileKey;
  const etag = `"${asset.sha256.slice(0, 32)}${thumb ? "-t" : ""}"`;
  // Asset bytes never change under an id, so caches may keep them for good.
  const headers: Record<string, string> = {
    "content-type": thumb ? "image/webp" : asset.mimeType,
    "cache-control": "private, max-age=31536000, immutable",
    etag,
  };
  // The original under its file name (the upload's, else `<id>.<ext>`), both RFC 6266 spellings.
  if (!thumb)
    headers["content-disposition"] = contentDisposition(
      download === "1" ? "attachment" : "inline",
      assetFileName(asset),
      `${asset.id}.${extensionOf(asset.mimeType)}`,
    );
  const store = storage();
  if (head || req.headers.get("if-none-match") === etag) {
    const size = key ? await store.size(key) : null;
    if (size === null) throw notFound("asset file", asset.id);
    if (!head) return new Response(null, { status: 304, headers });
    return new Response(null, { headers: { ...headers, "content-length": String(size) } });
  }
  // Opened before answering: the length is that of the file opened, and a delete from here on cannot cut
  // the body short (the open file stays readable).
  const blob = key ? await store.open(key) : null;
  if (!blob) throw notFound("asset file", asset.id);
  return new Response(blob.stream(), { headers: { ...headers, "content-length": String(blob.size) } });
}

export const GET = route((req, ctx: Ctx) => serve(req, ctx, false));
export const HEAD = route((req, ctx: Ctx) => serve(req, ctx, true));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
