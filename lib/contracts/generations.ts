import type { GenerationError } from "@/lib/errors";

/** Isomorphic: the docs/api.md `Generation`. */
export const GENERATION_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
/** What a generation is for beyond a prompt's images (docs/api.md "Cutout"): an AI cutout's results are cutouts. */
export type GenerationPurpose = "cutout";
export const GENERATION_PHASES = ["queued", "submitting", "generating", "downloading", "saving", "done"] as const;
export type GenerationPhase = (typeof GENERATION_PHASES)[number];

export interface Generation {
  id: string;
  projectId: string;
  provider: string;
  model: string;
  operation: "generate" | "edit";
  prompt: string;
  params: Record<string, unknown>;
  inputAssetIds: string[];
  maskAssetId: string | null;
  status: GenerationStatus;
  phase: GenerationPhase;
  message: string;
  current: number;
  total: number;
  /**
   * Images asked for that did not come, once the job has ended without succeeding (failed or cancelled with
   * some saved: a partial result); 0 otherwise. `POST …/retry` with `{ "missing": true }` asks for just these.
   */
  missing: number;
  assetIds: string[];
  error: GenerationError | null;
  retryOf: string | null;
  /** `cutout` for an AI cutout (results are `kind: "cutout"` assets at the source's size); null otherwise. */
  purpose: GenerationPurpose | null;
  usage: Record<string, unknown> | null;
  /** The gateway's request id when there is one (the one its support asks for), else the vendor's. */
  requestId: string | null;
  /** The vendor's own request id, when a gateway stood between and it differs. */
  vendorRequestId: string | null;
  /** URLs of streamed partial images while the job runs; empty once it ends. */
  previews: string[];
  /** The user who made it; null for the built-in admin token and for work older than accounts. */
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type GenerationStatusView = Pick<
  Generation,
  | "id"
  | "previews"
  | "status"
  | "phase"
  | "message"
  | "current"
  | "total"
  | "missing"
  | "assetIds"
  | "error"
  | "updatedAt"
>;
