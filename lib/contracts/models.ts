import type { ModelCard, ProviderId } from "@/lib/models/types";

/**
 * `GET /api/models` as the browser and the server see it: the capability cards, each with where it
 * came from and whether the gateway offers it today (docs/api.md "Models: a live catalog"). Isomorphic.
 */
export { OPERATIONS, PROVIDER_IDS } from "@/lib/models/types";
export type { ModelCard, Operation, ProviderId } from "@/lib/models/types";

export const AVAILABILITIES = ["available", "deprecated", "unavailable", "unknown"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const MODEL_SOURCES = ["builtin", "gateway", "config"] as const;
export type ModelSource = (typeof MODEL_SOURCES)[number];

export interface CatalogModel extends ModelCard {
  availability: Availability;
  source: ModelSource;
  /** Available models to move to when this one is (or is about to be) gone: same family, else its successor. */
  replacements: string[];
}

export interface ProviderCatalogState {
  /** When the list was last read successfully. */
  refreshedAt: string | null;
  ok: boolean;
  /** Why the last read failed, in words that reveal nothing secret. */
  error: string | null;
}

export interface ProviderSummary {
  id: ProviderId;
  label: string;
  configured: boolean;
  simulated: boolean;
  available: boolean;
  catalog: ProviderCatalogState;
}

export interface ModelsCatalog {
  providers: ProviderSummary[];
  models: CatalogModel[];
  /** The studio's default: the admin's choice, else the newest available model of the default family. */
  defaultModel: string | null;
}

/** A model can be picked: its provider is usable and the gateway has not said it is gone. */
export const isOffered = (m: Pick<CatalogModel, "availability">): boolean => m.availability !== "unavailable";
