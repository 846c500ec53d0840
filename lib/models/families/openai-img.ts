import type { LatencySpec, ModelFamily, ParamSpec, Rule } from "../types";

/**
 * OpenAI image model families behind DMXAPI (`/v1/images/generations` JSON, `/v1/images/edits` multipart).
 * Facts from docs/upstreams.md §A.1 / §B.2 / §J.1 and the seed's isolation rules. Param names are the
 * upstream's (docs/api.md: `params` holds upstream parameters of the model).
 *
 * `partial_images` is the one streaming control: asking for previews makes the provider send
 * `stream: true` (the catalog drops the param where the gateway does not stream). `user` never.
 */

const GPT_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536"];

const gptN: ParamSpec = { type: "int", label: "Images", min: 1, max: 10, default: 1 };

const gptQuality: ParamSpec = {
  type: "enum",
  label: "Quality",
  values: ["auto", "low", "medium", "high"],
  default: "auto",
};

const gptBackground: ParamSpec = {
  type: "enum",
  label: "Background",
  description: "Transparent needs PNG or WebP output.",
  values: ["auto", "opaque", "transparent"],
  default: "auto",
  featureTag: "oa_transparent_background",
};

/** Not in the multipart edit schema (only in the JSON edit body, which we do not use). */
const gptModeration: ParamSpec = {
  type: "enum",
  label: "Moderation",
  values: ["auto", "low"],
  default: "auto",
  operations: ["generate"],
  featureTag: "oa_moderation",
};

const gptOutputFormat: ParamSpec = {
  type: "enum",
  label: "Output format",
  values: ["png", "jpeg", "webp"],
  default: "png",
  featureTag: "oa_output_format",
};

const gptOutputCompression: ParamSpec = {
  type: "int",
  label: "Compression",
  description: "0–100 %, JPEG and WebP only.",
  min: 0,
  max: 100,
  default: 100,
  featureTag: "oa_output_compression",
};

const gptInputFidelity: ParamSpec = {
  type: "enum",
  label: "Input fidelity",
  description: "High keeps faces and logos closer to the input images, at more input tokens.",
  values: ["low", "high"],
  default: "low",
  operations: ["edit"],
  featureTag: "oa_input_fidelity",
};

const gptPartialImages: ParamSpec = {
  type: "int",
  label: "Previews",
  description: "Partial images streamed while the model draws (0–3); each costs about 100 extra output tokens.",
  min: 0,
  max: 3,
  default: 0,
  featureTag: "oa_partial_images",
};

const GPT_RULES: Rule[] = [
  {
    kind: "requires",
    param: "output_compression",
    when: { param: "output_format", in: ["jpeg", "webp"] },
    message: "output_compression applies only to jpeg or webp output",
  },
  {
    kind: "value_requires",
    param: "background",
    value: "transparent",
    when: { param: "output_format", in: ["png", "webp"] },
    message: "a transparent background needs png or webp output",
  },
];

const GPT_LIMITS = { maxImages: 16, maxN: 10, maxPromptChars: 32000 };
const GPT_TAGS = [
  "oa_output_format",
  "oa_output_compression",
  "oa_moderation",
  "oa_mask",
  "oa_multi_image",
  "oa_partial_images",
] as const;
/** Up to 2 minutes for complex prompts; latency follows output tokens, i.e. size × quality (§D.4). */
const GPT_LATENCY: LatencySpec = { baseS: 60, perImageS: 90 };

const gptImageParams = (withFidelity: boolean): Record<string, ParamSpec> => ({
  n: gptN,
  size: { type: "enum", label: "Size", values: GPT_SIZES, default: "auto" },
  quality: gptQuality,
  background: gptBackground,
  moderation: gptModeration,
  output_format: gptOutputFormat,
  output_compression: gptOutputCompression,
  ...(withFidelity ? { input_fidelity: gptInputFidelity } : {}),
  partial_images: gptPartialImages,
});

export const GPT_IMAGE_2: ModelFamily = {
  // Custom WxH sizes; no transparent background; input_fidelity must be omitted (§A.1 note 6, §B.2).
  id: "gpt-image-2",
  label: "GPT Image 2",
  default: true,
  provider: "dmxapi_openai_img",
  operations: ["generate", "edit"],
  featureTags: [...GPT_TAGS, "oa_custom_size"],
  params: {
    ...gptImageParams(false),
    size: {
      type: "size",
      label: "Size",
      description:
        "A preset, or WIDTHxHEIGHT: edges multiples of 16, ratio 1:3–3:1, long edge ≤ 3840; above 2560x1440 is experimental.",
      presets: GPT_SIZES,
      custom: {
        multipleOf: 16,
        minPixels: 655_360,
        maxPixels: 8_294_400,
        maxEdge: 3840,
        minRatio: 1 / 3,
        maxRatio: 3,
      },
      default: "auto",
      featureTag: "oa_custom_size",
    },
    background: { type: "enum", label: "Background", values: ["auto", "opaque"], default: "auto" },
  },
  limits: GPT_LIMITS,
  rules: GPT_RULES.filter((r) => r.param !== "background"),
  latency: GPT_LATENCY,
  members: [
    { id: "gpt-image-2", label: "GPT Image 2", snapshots: ["gpt-image-2-2026-04-21"] },
    {
      // DMXAPI's recommended gpt-image-2 route, with the same size limits (§A.1 note 6, §F.3).
      id: "gpt-image-2-ssvip",
      label: "GPT Image 2 (DMXAPI ssvip)",
      unconfirmed: ["whether it streams partial images through DMXAPI"],
    },
    {
      // A DMXAPI channel that takes one image per request (§A.1 note 7).
      id: "gpt-image-2-03",
      label: "GPT Image 2 (DMXAPI 03, one image)",
      params: { n: { ...gptN, max: 1 } },
      limits: { maxN: 1 },
    },
  ],
  // gpt-image-2 snapshots, the 2.x point releases (2.5/2.6 "sunburst"/"flare") and gateway variants.
  idPattern: "^gpt-image-2(?:\\.\\d+)?(?:-[a-z0-9]+)*$",
  unconfirmed: [
    "the 2.5 / 2.6 sunburst and flare ids: one copy of OpenAI's deprecations page names 2.5, another 2.6 (§J.1); their params are assumed to be gpt-image-2's",
    "how n > 1 combines with streaming (§C.2)",
  ],
};

export const GPT_IMAGE_1: ModelFamily = {
  id: "gpt-image-1",
  label: "GPT Image 1 / 1.5",
  provider: "dmxapi_openai_img",
  operations: ["generate", "edit"],
  featureTags: ["oa_transparent_background", ...GPT_TAGS, "oa_input_fidelity"],
  params: gptImageParams(true),
  limits: GPT_LIMITS,
  rules: GPT_RULES,
  latency: GPT_LATENCY,
  successor: "gpt-image-2",
  members: [
    {
      id: "gpt-image-1.5",
      label: "GPT Image 1.5",
      snapshots: ["gpt-image-1.5-2025-12-16"],
      shutdownDate: "2026-12-01",
      unconfirmed: ["whether DMXAPI still serves it after OpenAI's shutdown (§J.1): the gateway's list decides"],
    },
    { id: "gpt-image-1", label: "GPT Image 1", shutdownDate: "2026-10-23" },
    { id: "gpt-image-1-mini", label: "GPT Image 1 Mini", shutdownDate: "2026-12-01", removeParams: ["input_fidelity"] },
  ],
  idPattern: "^(?:gpt-image-1(?:\\.\\d+)?(?:-[a-z0-9]+)*|chatgpt-image-latest)$",
};

export const DALL_E_3: ModelFamily = {
  // Generations only, one image per request (§A.1, §B.1).
  id: "dall-e-3",
  label: "DALL·E 3",
  provider: "dmxapi_openai_img",
  operations: ["generate"],
  featureTags: ["oa_style_control", "oa_quality_hd", "oa_response_format"],
  params: {
    n: { type: "int", label: "Images", min: 1, max: 1, default: 1 },
    size: { type: "enum", label: "Size", values: ["1024x1024", "1792x1024", "1024x1792"], default: "1024x1024" },
    quality: {
      type: "enum",
      label: "Quality",
      values: ["standard", "hd"],
      default: "standard",
      featureTag: "oa_quality_hd",
    },
    style: {
      type: "enum",
      label: "Style",
      values: ["vivid", "natural"],
      default: "vivid",
      featureTag: "oa_style_control",
    },
    // b64_json by default: the image arrives in the answer itself, no second hop to a 60-minute URL.
    // The upstream's own default is `url`, so this one is always sent.
    response_format: {
      type: "enum",
      label: "Response format",
      values: ["b64_json", "url"],
      default: "b64_json",
      alwaysSend: true,
      featureTag: "oa_response_format",
    },
  },
  limits: { maxImages: 0, maxN: 1, maxPromptChars: 4000 },
  rules: [],
  latency: { baseS: 30, perImageS: 60 },
  successor: "gpt-image-2",
  members: [
    {
      id: "dall-e-3",
      label: "DALL·E 3",
      shutdownDate: "2026-05-12",
      unconfirmed: ["whether DMXAPI still serves it after OpenAI removed it (§A.0): the gateway's list decides"],
    },
  ],
};

export const OPENAI_IMG_FAMILIES: ModelFamily[] = [GPT_IMAGE_2, GPT_IMAGE_1, DALL_E_3];
