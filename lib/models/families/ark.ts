import type { ImageCountSpec, LatencySpec, ModelFamily, ParamSpec, Rule } from "../types";

/**
 * Volcengine Ark image model families (`POST {ARK_BASE_URL}/images/generations`): Seedream 5.0 lite,
 * 4.5 / 4.0, 3.0 and SeedEdit 3.0. Ark has no model list on this endpoint, so their availability stays
 * `unknown` (§J.1). Facts from docs/upstreams.md §G. Param names are the studio's; the
 * provider module (lib/providers/ark) maps them to the wire (`max_images` →
 * `sequential_image_generation_options.max_images`, `prompt_optimization` → `optimize_prompt_options.mode`).
 *
 * Ark has no `n`: several images come from a sequential group (`sequential_image_generation: auto`),
 * whose size the model picks up to `max_images`. Reference images go out as data URLs in `image`.
 * The prompt has no documented hard cap (Ark recommends ≤ 300 Chinese characters / 600 English words).
 */

const ARK_PROMPT_CHARS = 4000;
/** A third-party measurement: first image of a stream after ~27 s, the second after ~48 s (§D.4). */
const ARK_LATENCY: LatencySpec = { baseS: 30, perImageS: 30 };
const K = 1024 * 1024;

const watermark: ParamSpec = {
  type: "boolean",
  label: "Watermark",
  description: "Adds an “AI生成” (AI-generated) mark in the bottom-right corner.",
  default: false,
  // Ark's own default is true (DMXAPI forces false): always sent, so the image matches the panel.
  alwaysSend: true,
  featureTag: "ark_watermark",
};

// b64_json by default: the image arrives in the answer, nothing to fetch from a 24-hour URL.
const responseFormat: ParamSpec = {
  type: "enum",
  label: "Delivery",
  description:
    "b64_json: the image comes inside the answer. url: Ark hosts it for 24 hours; the studio downloads it at once.",
  values: ["b64_json", "url"],
  default: "b64_json",
  // Ark's own default is `url`.
  alwaysSend: true,
  featureTag: "ark_response_format",
};

const seed: ParamSpec = {
  type: "int",
  label: "Seed",
  description: "The same seed, prompt and settings give a similar image. Unset or −1: random.",
  min: -1,
  max: 2_147_483_647,
  featureTag: "ark_seed",
};

const guidanceScale = (def: number): ParamSpec => ({
  type: "number",
  label: "Guidance scale",
  description: "How literally the image follows the prompt (1–10): higher is more literal, lower more natural.",
  min: 1,
  max: 10,
  default: def,
  featureTag: "ark_guidance_scale",
});

const sequential: ParamSpec = {
  type: "enum",
  label: "Image group",
  description:
    "Auto lets the model return a set of related images (a storyboard, one product in several scenes), up to Max images.",
  values: ["disabled", "auto"],
  default: "disabled",
  featureTag: "ark_sequential",
};

const maxImages: ParamSpec = {
  type: "int",
  label: "Max images",
  description:
    "Most images the group may hold; the model may return fewer. Reference images plus this must not exceed 15.",
  min: 1,
  max: 15,
  default: 4,
  // The group size the studio waits for and counts: sent whenever a group is on, chosen or not.
  alwaysSend: true,
  featureTag: "ark_sequential",
};

const SEQUENTIAL_RULES: Rule[] = [
  {
    kind: "requires",
    param: "max_images",
    when: { param: "sequential_image_generation", in: ["auto"] },
    message: "max_images applies only when sequential_image_generation is auto",
  },
];

const GROUP_COUNT: ImageCountSpec = {
  param: "max_images",
  when: { param: "sequential_image_generation", in: ["auto"] },
  upTo: true,
};
const SEEDREAM4_TAGS = [
  "ark_custom_size",
  "ark_watermark",
  "ark_response_format",
  "ark_sequential",
  "ark_multi_image",
] as const;
const SEEDREAM4_LIMITS = { maxImages: 14, maxN: 15, maxPromptChars: ARK_PROMPT_CHARS, maxTotalImages: 15 };

const seedreamSize = (presets: string[], minPixels: number): ParamSpec => ({
  type: "size",
  label: "Size",
  description: `${presets.join(", ")} (shaped like the first reference image, else square), or WIDTHxHEIGHT with ${minPixels.toLocaleString("en-US")}–16,777,216 pixels and a ratio within 1:16–16:1.`,
  presets,
  custom: { multipleOf: 1, minPixels, maxPixels: 16 * K, maxEdge: 16_384, minRatio: 1 / 16, maxRatio: 16 },
  default: "2K",
  featureTag: "ark_custom_size",
});

const promptOptimization: ParamSpec = {
  type: "enum",
  label: "Prompt optimization",
  description: "Standard rewrites the prompt more carefully; Fast is quicker at some cost in quality.",
  values: ["standard", "fast"],
  default: "standard",
  featureTag: "ark_optimize_prompt",
};

const SWITCHED_OFF =
  "third-party notes say Ark switched the 4.0 / 4.5 endpoints off on 2026-11-24 (§J.1; no official notice)";

export const ARK_FAMILIES: ModelFamily[] = [
  {
    id: "seedream-5",
    label: "Seedream 5.0",
    provider: "ark",
    operations: ["generate", "edit"],
    featureTags: [...SEEDREAM4_TAGS, "ark_output_format", "ark_web_search"],
    params: {
      size: seedreamSize(["2K", "4K"], 3_686_400),
      sequential_image_generation: sequential,
      max_images: maxImages,
      output_format: {
        type: "enum",
        label: "Output format",
        description: "JPEG (Ark's default) or PNG.",
        values: ["jpeg", "png"],
        default: "jpeg",
        featureTag: "ark_output_format",
      },
      web_search: {
        type: "boolean",
        label: "Web search",
        description: "Lets the model look up current facts before drawing (counted in usage.tool_usage).",
        default: false,
        featureTag: "ark_web_search",
      },
      watermark,
      response_format: responseFormat,
    },
    limits: SEEDREAM4_LIMITS,
    rules: SEQUENTIAL_RULES,
    imageCount: GROUP_COUNT,
    latency: ARK_LATENCY,
    members: [{ id: "doubao-seedream-5-0-260128", label: "Seedream 5.0 lite" }],
    idPattern: "^doubao-seedream-5-0-(?:[a-z]+-)?\\d{6}$",
    unconfirmed: [
      "its size range (assumed 4.5's: 2K / 4K, at least 3,686,400 pixels)",
      "the pro variant's layered output",
    ],
  },
  {
    id: "seedream-4",
    label: "Seedream 4",
    provider: "ark",
    operations: ["generate", "edit"],
    featureTags: [...SEEDREAM4_TAGS, "ark_optimize_prompt"],
    params: {
      size: seedreamSize(["1K", "2K", "4K"], 921_600),
      sequential_image_generation: sequential,
      max_images: maxImages,
      prompt_optimization: promptOptimization,
      watermark,
      response_format: responseFormat,
    },
    limits: SEEDREAM4_LIMITS,
    rules: SEQUENTIAL_RULES,
    imageCount: GROUP_COUNT,
    latency: ARK_LATENCY,
    successor: "seedream-5",
    members: [
      {
        // 2K and 4K only; the 3,686,400-pixel floor is from one source (§G.2 marks it unconfirmed).
        id: "doubao-seedream-4-5-251128",
        label: "Seedream 4.5",
        params: { size: seedreamSize(["2K", "4K"], 3_686_400) },
        removeParams: ["prompt_optimization"],
        unconfirmed: ["its minimum size (3,686,400 pixels, one source)", SWITCHED_OFF],
      },
      { id: "doubao-seedream-4-0-250828", label: "Seedream 4.0", unconfirmed: [SWITCHED_OFF] },
    ],
    idPattern: "^doubao-seedream-4-\\d-\\d{6}$",
  },
  {
    id: "seedream-3",
    label: "Seedream 3.0",
    provider: "ark",
    operations: ["generate"],
    featureTags: ["ark_custom_size", "ark_seed", "ark_guidance_scale", "ark_watermark", "ark_response_format"],
    params: {
      size: {
        type: "size",
        label: "Size",
        description: "WIDTHxHEIGHT, each edge 512–2048.",
        presets: ["1024x1024", "864x1152", "1152x864", "1280x720", "720x1280", "832x1248", "1248x832", "1512x648"],
        custom: {
          multipleOf: 1,
          minEdge: 512,
          minPixels: 512 * 512,
          maxPixels: 2048 * 2048,
          maxEdge: 2048,
          minRatio: 1 / 4,
          maxRatio: 4,
        },
        default: "1024x1024",
        featureTag: "ark_custom_size",
      },
      seed,
      guidance_scale: guidanceScale(2.5),
      watermark,
      response_format: responseFormat,
    },
    limits: { maxImages: 0, maxN: 1, maxPromptChars: ARK_PROMPT_CHARS },
    rules: [],
    latency: ARK_LATENCY,
    successor: "seedream-4",
    members: [{ id: "doubao-seedream-3-0-t2i-250415", label: "Seedream 3.0" }],
  },
  {
    // Exactly one input image; the output keeps its shape (size "adaptive", Ark's default, not sent).
    id: "seededit-3",
    label: "SeedEdit 3.0",
    provider: "ark",
    operations: ["edit"],
    featureTags: ["ark_seed", "ark_guidance_scale", "ark_watermark", "ark_response_format"],
    params: { seed, guidance_scale: guidanceScale(5.5), watermark, response_format: responseFormat },
    limits: { maxImages: 1, maxN: 1, maxPromptChars: ARK_PROMPT_CHARS },
    rules: [],
    latency: ARK_LATENCY,
    members: [{ id: "doubao-seededit-3-0-i2i-250628", label: "SeedEdit 3.0" }],
  },
];
