import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ASSET_KINDS } from "@/lib/contracts/assets";
import { EXPORT_FORMAT_IDS } from "@/lib/contracts/export-formats";
import { GENERATION_PHASES, GENERATION_STATUSES } from "@/lib/contracts/generations";
import { IMAGE_MIME_TYPES } from "@/lib/contracts/mime";
import { OPERATIONS, PROVIDER_IDS } from "@/lib/contracts/models";
import type { GenerationError } from "@/lib/errors";

/*
 * Portability notes (a PostgreSQL port should be a contained change):
 * - timestamps are ISO-8601 UTC text from Date#toISOString (fixed width, so they sort as text);
 * - JSON columns are text holding JSON (jsonb on PostgreSQL);
 * - keyset indexes are plain composite (created_at, id) indexes, which PostgreSQL can scan backwards;
 *   a `.desc()` index would not serve `ORDER BY … DESC` pages there;
 * - `deleted_at` marks rows whose files are being removed: hidden from every query, finished on boot;
 * - columns with a fixed value set are typed by `enum` (a TypeScript type only: no CHECK, no migration).
 */

export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    deletedAt: text("deleted_at"),
    /** The user who made it; null for the built-in admin token and for work older than accounts. */
    createdBy: text("created_by"),
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
    provider: text("provider", { enum: PROVIDER_IDS }).notNull(),
    model: text("model").notNull(),
    operation: text("operation", { enum: OPERATIONS }).notNull(),
    prompt: text("prompt").notNull(),
    params: text("params", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    inputAssetIds: text("input_asset_ids", { mode: "json" }).notNull().$type<string[]>(),
    maskAssetId: text("mask_asset_id"),
    status: text("status", { enum: GENERATION_STATUSES }).notNull(),
    phase: text("phase", { enum: GENERATION_PHASES }).notNull(),
    message: text("message").notNull().default(""),
    current: integer("current").notNull().default(0),
    total: integer("total").notNull(),
    error: text("error", { mode: "json" }).$type<GenerationError | null>(),
    retryOf: text("retry_of"),
    createdBy: text("created_by"),
    usage: text("usage", { mode: "json" }).$type<Record<string, unknown> | null>(),
    /** The gateway's request id when there is one, else the vendor's (docs/upstreams.md §J.3). */
    upstreamRequestId: text("upstream_request_id"),
    /** The vendor's own id, when a gateway stood between and it differs. */
    vendorRequestId: text("vendor_request_id"),
    /** Storage keys of streamed partial images while the job runs; emptied when it ends. */
    previewKeys: text("preview_keys", { mode: "json" }).notNull().default([]).$type<string[]>(),
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
    kind: text("kind", { enum: ASSET_KINDS }).notNull(),
    mimeType: text("mime_type", { enum: IMAGE_MIME_TYPES }).notNull(),
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
    createdBy: text("created_by"),
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
  format: text("format", { enum: EXPORT_FORMAT_IDS }).notNull(),
  assetIds: text("asset_ids", { mode: "json" }).notNull().$type<string[]>(),
  count: integer("count").notNull(),
  createdAt: text("created_at").notNull(),
  downloadedAt: text("downloaded_at"),
});

/** Admin settings, one JSON value per key (e.g. `models`: families, aliases, hidden, default, gateway). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull().$type<unknown>(),
  updatedAt: text("updated_at").notNull(),
});

export * from "./access-schema";
