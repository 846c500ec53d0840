import type { ModelCard, ParamSpec } from "./types";

/**
 * Gemini image models through DMXAPI's Gemini-native route (`/v1beta/models/{model}:generateContent`).
 * Facts from docs/upstreams.md §F.3 / §F.4. Param names are the studio's; the
 * provider module (lib/providers/dmxapi-gemini) maps them to `generationConfig.imageConfig` and `tools`.
 *
 * One image per request, so no `n`. Edits send the input images as `inline_data` parts; there is no
 * mask (the model edits by instruction). Input images: 14 on the 3.x models (DMXAPI / Google docs);
 * 3 on 2.5 Flash, which Google documents as working best with up to three.
 */

const RATIOS_10 = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const RATIOS_14 = [...RATIOS_10, "1:4", "4:1", "1:8", "8:1"];

const aspectRatio = (ratios: string[]): ParamSpec => ({
  type: "enum",
  label: "Aspect ratio",
  description: "Shape of the image. Auto: square for a new image; an edit follows its first input image.",
  values: ["auto", ...ratios],
  default: "auto",
  featureTag: "gm_aspect_ratio",
});

const imageSize: ParamSpec = {
  type: "enum",
  label: "Resolution",
  description: "1K ≈ 1 megapixel, 2K ≈ 4, 4K ≈ 16 (4K costs more output tokens).",
  values: ["1K", "2K", "4K"],
  default: "1K",
  featureTag: "gm_image_size",
};

const googleSearch: ParamSpec = {
  type: "boolean",
  label: "Google Search grounding",
  description: "Lets the model look up current facts (a product, a place, today's weather) before drawing.",
  default: false,
  featureTag: "gm_search_grounding",
};

const GEMINI_PROMPT_CHARS = 32000;

export const GEMINI_MODELS: ModelCard[] = [
  {
    // 1K only: no resolution control, `imageSize` is never sent (§F.3).
    id: "gemini-2.5-flash-image",
    provider: "dmxapi_gemini",
    label: "Gemini 2.5 Flash Image (Nano Banana)",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_multi_image"],
    params: { aspect_ratio: aspectRatio(RATIOS_10) },
    limits: { maxImages: 3, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
  },
  {
    id: "gemini-3-pro-image-preview",
    provider: "dmxapi_gemini",
    label: "Gemini 3 Pro Image (Nano Banana Pro)",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_image_size", "gm_multi_image", "gm_search_grounding"],
    params: { aspect_ratio: aspectRatio(RATIOS_10), image_size: imageSize, google_search: googleSearch },
    limits: { maxImages: 14, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
  },
  {
    // Four extra extreme ratios (1:4, 4:1, 1:8, 8:1) (§F.3).
    id: "gemini-3.1-flash-image-preview",
    provider: "dmxapi_gemini",
    label: "Gemini 3.1 Flash Image (Nano Banana 2)",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_image_size", "gm_multi_image"],
    params: { aspect_ratio: aspectRatio(RATIOS_14), image_size: imageSize },
    limits: { maxImages: 14, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
  },
];
