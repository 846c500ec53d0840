/**
 * Shapes of the capability registry (docs/api.md "Models — the capability registry").
 * Everything here is plain JSON data: `GET /api/models` serves the cards as they are,
 * and the panel and the server evaluate the same cards.
 */

export const PROVIDER_IDS = ["dmxapi_openai_img", "dmxapi_gemini", "ark"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const OPERATIONS = ["generate", "edit"] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Feature switches the UI keys on (seed: "用 featureTags 控制 OpenAI-img 特性开关"), one prefix per
 * provider: `oa_` OpenAI-img, `gm_` Gemini, `ark_` Volcengine Ark.
 * `oa_partial_images`: the gpt-image families stream previews; the catalog drops it where the gateway
 * does not stream (a gateway preset says so).
 */
export const FEATURE_TAGS = [
  "oa_transparent_background",
  "oa_style_control",
  "oa_output_format",
  "oa_output_compression",
  "oa_moderation",
  "oa_input_fidelity",
  "oa_response_format",
  "oa_quality_hd",
  "oa_mask",
  "oa_multi_image",
  "oa_partial_images",
  "oa_custom_size",
  "gm_aspect_ratio",
  "gm_image_size",
  "gm_multi_image",
  "gm_search_grounding",
  "ark_custom_size",
  "ark_seed",
  "ark_guidance_scale",
  "ark_watermark",
  "ark_response_format",
  "ark_sequential",
  "ark_multi_image",
  "ark_optimize_prompt",
  "ark_output_format",
  "ark_web_search",
] as const;
export type FeatureTag = (typeof FEATURE_TAGS)[number];

/** Bounds for free `WIDTHxHEIGHT` sizes; ratio is width / height. */
export interface CustomSizeSpec {
  multipleOf: number;
  /** Shortest edge allowed (Seedream 3.0: 512); absent = bounded by pixels and ratio only. */
  minEdge?: number;
  minPixels: number;
  maxPixels: number;
  maxEdge: number;
  minRatio: number;
  maxRatio: number;
}

interface ParamBase {
  label: string;
  description?: string;
  /** Absent = every operation of the model. */
  operations?: Operation[];
  featureTag?: FeatureTag;
  /**
   * Sent even when the user left it at its default, because the upstream's own default differs
   * and matters to the studio (dall-e-3 `response_format`). Every other param is sent only when chosen.
   */
  alwaysSend?: boolean;
}

export type EnumParam = ParamBase & { type: "enum"; values: string[]; default?: string };
export type IntParam = ParamBase & { type: "int"; min: number; max: number; default?: number };
export type NumberParam = ParamBase & { type: "number"; min: number; max: number; step?: number; default?: number };
export type BooleanParam = ParamBase & { type: "boolean"; default?: boolean };
export type SizeParam = ParamBase & { type: "size"; presets: string[]; custom?: CustomSizeSpec; default?: string };

export type ParamSpec = EnumParam | IntParam | NumberParam | BooleanParam | SizeParam;
export type ParamValue = string | number | boolean;

/** "The param named `param` currently holds one of `in`" (its default when unset). */
export interface Condition {
  param: string;
  in: ParamValue[];
}

/**
 * Cross-field constraints, as data so the panel and the server evaluate the same thing.
 * - `requires`: `param` may only be set while `when` holds; otherwise the control is locked
 *   and the server rejects an explicit value (a default is simply not sent).
 * - `value_requires`: `param` may only hold `value` while `when` holds; otherwise that
 *   option is disabled in the panel and rejected by the server.
 */
export type Rule =
  | { kind: "requires"; param: string; when: Condition; message: string }
  | { kind: "value_requires"; param: string; value: ParamValue; when: Condition; message: string };

export interface ModelLimits {
  /** Input images of an edit; 0 when the model cannot edit. */
  maxImages: number;
  maxN: number;
  maxPromptChars: number;
  /** Input images plus images asked for, at most (Ark: 15); absent = no joint limit. */
  maxTotalImages?: number;
}

/**
 * Where a generation's image count comes from. Absent on a card: its `n` param (1 when it has none).
 * Ark has no `n`: an image group's size is `max_images`, and only while sequential generation is on.
 */
export interface ImageCountSpec {
  /** An int param holding the count (its default when unset). */
  param: string;
  /** The count applies only while this holds; otherwise one image. */
  when?: Condition;
  /** The count is a ceiling: the model chooses how many of them it returns (Ark image groups). */
  upTo?: boolean;
}

/** Provider-specific wire switches of a family, read only by its provider module (e.g. Gemini 2.5 takes no `responseModalities`). */
export type WireFlags = Record<string, string | number | boolean>;

/** How long the upstream usually takes, for a timeout that scales with the work (docs/upstreams.md §D.4). */
export interface LatencySpec {
  /** Fixed part of a request (connection, queueing, prompt), in seconds. */
  baseS: number;
  /** Each image at about one megapixel and the family's default quality, in seconds. */
  perImageS: number;
}

/** The rules every model of a family shares: the capability card without an id. */
export interface FamilyRules {
  provider: ProviderId;
  operations: Operation[];
  featureTags: FeatureTag[];
  params: Record<string, ParamSpec>;
  limits: ModelLimits;
  rules: Rule[];
  imageCount?: ImageCountSpec;
  wire?: WireFlags;
  latency: LatencySpec;
}

/** One model id of a family, with what sets it apart. */
export interface FamilyMember {
  id: string;
  label: string;
  /** Dated snapshots that behave as this id (e.g. `gpt-image-2-2026-04-21`); offered when a gateway lists them. */
  snapshots?: string[];
  /** The vendor's announced shutdown (`YYYY-MM-DD`); a gateway's own `shutdown_date` overrides it. */
  shutdownDate?: string;
  /** Params this id does not take (gpt-image-1-mini: no `input_fidelity`). */
  removeParams?: string[];
  /** Params this id takes differently (gpt-image-2-03: `n` up to 1). */
  params?: Record<string, ParamSpec>;
  limits?: Partial<ModelLimits>;
  /** What no source confirms about this id. */
  unconfirmed?: string[];
}

export interface ModelFamily extends FamilyRules {
  /** Stable family id, e.g. `gpt-image-2`, `dall-e-3`, `gemini-3-pro-image`, `seedream-4`. */
  id: string;
  label: string;
  /** Known ids, newest first: the picker's rows, and the default's order of preference. */
  members: FamilyMember[];
  /** Other ids of this family a gateway may list (regular expression source, anchored). */
  idPattern?: string;
  /** Where users of this family go when all of its models are gone. */
  successor?: string;
  /** The studio's default family (exactly one has it). */
  default?: boolean;
  /** What no source confirms about the whole family. */
  unconfirmed?: string[];
}

/** A resolved capability card: one model id with its family's rules. Plain JSON (served by `GET /api/models`). */
export interface ModelCard extends FamilyRules {
  id: string;
  label: string;
  family: string;
  /** The family's name for people ("GPT Image 2", "Seedream 4"): the picker's group labels. */
  familyLabel: string;
  /** The id sent upstream: the card's own, or the target of an alias. */
  upstreamId: string;
  /** The vendor's announced shutdown, when the studio knows one. */
  shutdownDate: string | null;
  /** What no source confirms about this model (its family's notes and its own). */
  unconfirmed: string[];
  /** An admin's per-model bound on each upstream request, in seconds. */
  timeoutS?: number;
}
