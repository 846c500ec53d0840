import "server-only";
import { jsonResponse, type RequestIds } from "./http";
import type { ModelListing } from "./model-listing";

/**
 * `GET /v1/models` (OpenAI-compatible, docs/upstreams.md §J.2): a new-api gateway lists every id the key's group
 * may use — the OpenAI-format image ids and the Gemini ones alike. `shutdown_date` only when one is set.
 */
export function openaiModelList(ids: RequestIds, listing: ModelListing): Response {
  const data = listing.entries().map((m) => ({
    id: m.id,
    object: "model",
    created: m.created,
    owned_by: m.ownedBy,
    ...(m.shutdownDate ? { shutdown_date: m.shutdownDate } : {}),
  }));
  return jsonResponse(ids, 200, { object: "list", data });
}

/** `GET /v1beta/models` (Gemini-native, §J.2): the Gemini ids only, as `models/<id>`. */
export function geminiModelList(ids: RequestIds, listing: ModelListing): Response {
  const models = listing.entries("gemini").map((m) => ({
    name: `models/${m.id}`,
    displayName: m.displayName ?? m.id,
    supportedGenerationMethods: ["generateContent"],
  }));
  return jsonResponse(ids, 200, { models });
}
