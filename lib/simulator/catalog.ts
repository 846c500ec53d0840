import "server-only";
import type { GeminiModelId } from "./gemini-models";
import type { OpenAIModelId } from "./openai-models";

/**
 * Every id the gateway side of the simulator can list (docs/upstreams.md §J): the OpenAI-format image ids and
 * the Gemini-native ids. Ark ids are not here — Ark has no model list, and its route accepts its own ids.
 * Typed by the spec tables' keys, so an id with a spec but no catalog entry (or the reverse) does not compile.
 */
export type CatalogId = OpenAIModelId | GeminiModelId;
export type CatalogApi = "openai" | "gemini";

export interface CatalogEntry {
  api: CatalogApi;
  ownedBy: string;
  /** Unix seconds; approximate release days — only the field's shape matters to clients. */
  created: number;
  /** Gemini list entries carry a display name. */
  displayName?: string;
  /** The vendor's shutdown day (§J.1), shown by the "all" preset; null = none announced. */
  vendorShutdown: string | null;
}

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

const openai = (created: string, vendorShutdown: string | null = null): CatalogEntry => ({
  api: "openai",
  ownedBy: "openai",
  created: day(created),
  vendorShutdown,
});

const gemini = (created: string, displayName: string, vendorShutdown: string | null = null): CatalogEntry => ({
  api: "gemini",
  ownedBy: "google",
  created: day(created),
  displayName,
  vendorShutdown,
});

export const CATALOG: Record<CatalogId, CatalogEntry> = {
  "gpt-image-2": openai("2026-04-21"),
  "gpt-image-2-2026-04-21": openai("2026-04-21"),
  "gpt-image-2-ssvip": openai("2026-04-21"),
  "gpt-image-2-03": openai("2026-04-21"),
  "gpt-image-1.5": openai("2025-12-16", "2026-12-01"),
  "gpt-image-1.5-2025-12-16": openai("2025-12-16", "2026-12-01"),
  "chatgpt-image-latest": openai("2025-12-16", "2026-12-01"),
  "gpt-image-1": openai("2025-04-23", "2026-10-23"),
  "gpt-image-1-mini": openai("2025-10-06", "2026-12-01"),
  "dall-e-3": openai("2023-11-06", "2026-05-12"),
  "dall-e-2": openai("2022-11-03", "2026-05-12"),
  // Google names an earliest shutdown of 2026-10-02 for 2.5 Flash, yet the gateway still serves it (§J.1).
  "gemini-2.5-flash-image": gemini("2025-10-02", "Gemini 2.5 Flash Image"),
  "gemini-3-pro-image": gemini("2026-06-04", "Gemini 3 Pro Image"),
  "gemini-3-pro-image-preview": gemini("2025-11-20", "Gemini 3 Pro Image Preview", "2026-06-25"),
  "gemini-3.1-flash-image": gemini("2026-06-04", "Gemini 3.1 Flash Image"),
  "gemini-3.1-flash-image-preview": gemini("2026-02-26", "Gemini 3.1 Flash Image Preview", "2026-06-25"),
  "gemini-3.1-flash-lite-image": gemini("2026-06-04", "Gemini 3.1 Flash-Lite Image"),
};

export function catalogEntry(id: string): CatalogEntry | null {
  return Object.hasOwn(CATALOG, id) ? CATALOG[id as CatalogId] : null;
}

export const CATALOG_IDS = Object.keys(CATALOG) as CatalogId[];

/**
 * The "today" preset: the world as of 2026-12-01 (§J.1). Shut down and so not listed: dall-e-3, dall-e-2,
 * gpt-image-1, gpt-image-1.5 (and its snapshot), gpt-image-1-mini, chatgpt-image-latest and both Gemini
 * -preview ids.
 */
export const TODAY_IDS: readonly CatalogId[] = [
  "gpt-image-2",
  "gpt-image-2-2026-04-21",
  "gpt-image-2-ssvip",
  "gpt-image-2-03",
  "gemini-2.5-flash-image",
  "gemini-3-pro-image",
  "gemini-3.1-flash-image",
  "gemini-3.1-flash-lite-image",
];
