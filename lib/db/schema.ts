import type { GenerationError } from "@/lib/errors";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/*
 * Portability notes (a PostgreSQL port should be a contained change):
 * - timestamps are ISO-8601 UTC text from Date#toISOString (fixed width, so they sort as text);
 * - JSON columns are text holding JSON (jsonb on PostgreSQL);
 * - keyset indexes are plain composite (created_at, id) indexes, which PostgreSQL can scan backwards;
 *   a `.desc()` index would not serve `ORDER BY … DESC` pages there;
 * - `deleted_at` marks rows whose files are being removed: hidden from every query, finished on boot.
 */

export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("projects_created_idx").on(t.createdAt, t.id)],
);

export const generations = sqliteTable(
  "generations",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    operation: text("operation").notNull(),
    prompt: text("prompt").notNull(),
    params: text("params", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    inputAssetIds: text("input_asset_ids", { mode: "json" }).notNull().$type<string[]>(),
    maskAssetId: text("mask_asset_id"),
    status: text("status").notNull(),
    phase: text("phase").notNull(),
    message: text("message").notNull().default(""),
    current: integer("current").notNull().default(0),
    total: integer("total").notNull(),
    error: text("error", { mode: "json" }).$type<GenerationError | null>(),
    retryOf: text("retry_of"),
    usage: text("usage", { mode: "json" }).$type<Record<string, unknown> | null>(),
    upstreamRequestId: text("upstream_request_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [
    index("generations_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("generations_status_idx").on(t.status),
  ],
);

export const assets = sqliteTable(
  "assets",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    generationId: text("generation_id"),
    kind: text("kind").notNull(),
    mimeType: text("mime_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    prompt: text("prompt"),
    revisedPrompt: text("revised_prompt"),
    model: text("model"),
    params: text("params", { mode: "json" }).$type<Record<string, unknown> | null>(),
    parentAssetIds: text("parent_asset_ids", { mode: "json" }).notNull().$type<string[]>(),
    /** Storage keys: derived from the id, never from user input. */
    fileKey: text("file_key").notNull(),
    thumbKey: text("thumb_key"),
    createdAt: text("created_at").notNull(),
    deletedAt: text("deleted_at"),
  },
  (t) => [
    index("assets_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("assets_project_kind_created_idx").on(t.projectId, t.kind, t.createdAt, t.id),
    index("assets_generation_idx").on(t.generationId),
  ],
);

export const exportsTable = sqliteTable("exports", {
  id: text("id").primaryKey(),
  projectId: text("project_id"),
  format: text("format").notNull(),
  assetIds: text("asset_ids", { mode: "json" }).notNull().$type<string[]>(),
  count: integer("count").notNull(),
  createdAt: text("created_at").notNull(),
  downloadedAt: text("downloaded_at"),
});
