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
 * `oa_partial_images` is defined for completeness, but no card carries it: the studio never
 * streams, so `stream` / `partial_images` are not offered as params.
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

export interface ModelCard {
  id: string;
  provider: ProviderId;
  label: string;
  operations: Operation[];
  featureTags: FeatureTag[];
  params: Record<string, ParamSpec>;
  limits: ModelLimits;
  rules: Rule[];
  imageCount?: ImageCountSpec;
}
