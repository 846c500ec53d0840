/**
 * Shapes of the capability registry (API.md "Models — the capability registry").
 * Everything here is plain JSON data: `GET /api/models` serves the cards as they are,
 * and the panel and the server evaluate the same cards.
 */

export const PROVIDER_IDS = ["dmxapi_openai_img", "dmxapi_gemini", "ark"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const OPERATIONS = ["generate", "edit"] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Feature switches the UI keys on (seed: "用 featureTags 控制 OpenAI-img 特性开关").
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
] as const;
export type FeatureTag = (typeof FEATURE_TAGS)[number];

/** Bounds for free `WIDTHxHEIGHT` sizes; ratio is width / height. */
export interface CustomSizeSpec {
  multipleOf: number;
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
}
