/** Isomorphic: the docs/api.md `Asset` as the browser and the server see it. */
import type { ImageMime } from "./mime";
export const ASSET_KINDS = ["generated", "upload", "edit", "cutout", "mask"] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export interface Asset {
  id: string;
  projectId: string;
  generationId: string | null;
  kind: AssetKind;
  mimeType: ImageMime;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  prompt: string | null;
  revisedPrompt: string | null;
  model: string | null;
  params: Record<string, unknown> | null;
  parentAssetIds: string[];
  /** The user who made it; null for the built-in admin token and for work older than accounts. */
  createdBy: string | null;
  createdAt: string;
  /**
   * The uploaded file's name, sanitised (lib/contracts/file-names.ts), or one derived from a named source
   * (`<stem>-edit.png`, `<stem>-cutout.png`); null for generated images and for assets from before names
   * were kept.
   */
  originalName: string | null;
  fileUrl: string;
  thumbUrl: string;
}
