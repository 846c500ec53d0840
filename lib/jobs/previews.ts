import "server-only";
import sharp from "sharp";
import { addPreviewKey, takePreviewKeys } from "@/lib/db/generations";
import type { ProviderPreview } from "@/lib/providers/types";
import { previewKey, storage } from "@/lib/storage";

/**
 * Streamed partial images of a running job: stored as small WebPs under `previews/`, listed on the job
 * row while it runs, removed when it ends (the final image replaces them). They are never assets. A key
 * is recorded before its file is written, so a crash leaves at most a key without a file (harmless:
 * the route answers 404), never a file no row knows of; boot removes what ended jobs still hold.
 */

const PREVIEW_EDGE = 512;

export async function savePreview(generationId: string, preview: ProviderPreview): Promise<void> {
  const key = previewKey(generationId, Math.min(9, Math.max(0, preview.index)), "image/webp");
  const small = await sharp(preview.bytes)
    .resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 60 })
    .toBuffer();
  if (!(await addPreviewKey(generationId, key))) return; // the job ended meanwhile
  await storage().put(key, small);
}

export async function dropPreviews(generationId: string): Promise<void> {
  const store = storage();
  for (const key of await takePreviewKeys(generationId)) await store.delete(key);
}
