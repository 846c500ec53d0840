import type { LatencySpec, ModelFamily, ParamSpec } from "../types";

/**
 * Gemini image model families through DMXAPI's Gemini-native route (`/v1beta/models/{model}:generateContent`).
 * Facts from docs/upstreams.md §F.3 / §F.4 / §J.1: the `-preview` ids shut down on 2026-06-25, replaced by
 * the same names without the suffix (same family, same rules). Param names are the studio's; the
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
/** DMXAPI's Gemini edit example waits up to 300 s (§D.4). */
const GEMINI_LATENCY: LatencySpec = { baseS: 30, perImageS: 60 };

export const GEMINI_FAMILIES: ModelFamily[] = [
  {
    id: "gemini-3-pro-image",
    label: "Gemini 3 Pro Image (Nano Banana Pro)",
    provider: "dmxapi_gemini",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_image_size", "gm_multi_image", "gm_search_grounding"],
    params: { aspect_ratio: aspectRatio(RATIOS_10), image_size: imageSize, google_search: googleSearch },
    limits: { maxImages: 14, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
    latency: GEMINI_LATENCY,
    members: [
      { id: "gemini-3-pro-image", label: "Gemini 3 Pro Image (Nano Banana Pro)" },
      { id: "gemini-3-pro-image-preview", label: "Gemini 3 Pro Image Preview", shutdownDate: "2026-06-25" },
    ],
    idPattern: "^gemini-3(?:\\.\\d+)?-pro-image(?:-[a-z0-9]+)*$",
  },
  {
    // Four extra extreme ratios (1:4, 4:1, 1:8, 8:1) (§F.3).
    id: "gemini-3.1-flash-image",
    label: "Gemini 3.1 Flash Image (Nano Banana 2)",
    provider: "dmxapi_gemini",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_image_size", "gm_multi_image"],
    params: { aspect_ratio: aspectRatio(RATIOS_14), image_size: imageSize },
    limits: { maxImages: 14, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
    latency: GEMINI_LATENCY,
    members: [
      { id: "gemini-3.1-flash-image", label: "Gemini 3.1 Flash Image (Nano Banana 2)" },
      { id: "gemini-3.1-flash-image-preview", label: "Gemini 3.1 Flash Image Preview", shutdownDate: "2026-06-25" },
    ],
    idPattern: "^gemini-3\\.\\d+-flash-image(?:-[a-z0-9]+)*$",
  },
  {
    // 1K only (§F.3): no resolution control.
    id: "gemini-3.1-flash-lite-image",
    label: "Gemini 3.1 Flash Lite Image",
    provider: "dmxapi_gemini",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_multi_image"],
    params: { aspect_ratio: aspectRatio(RATIOS_10) },
    limits: { maxImages: 3, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
    latency: GEMINI_LATENCY,
    members: [{ id: "gemini-3.1-flash-lite-image", label: "Gemini 3.1 Flash Lite Image" }],
    unconfirmed: ["its aspect ratios (assumed the 2.5 Flash set) and how many input images it takes (assumed 3)"],
  },
  {
    // 1K only: no resolution control, `imageSize` is never sent; DMXAPI documents that it takes no
    // `responseModalities` (§F.3, §J.1).
    id: "gemini-2.5-flash-image",
    label: "Gemini 2.5 Flash Image (Nano Banana)",
    provider: "dmxapi_gemini",
    operations: ["generate", "edit"],
    featureTags: ["gm_aspect_ratio", "gm_multi_image"],
    params: { aspect_ratio: aspectRatio(RATIOS_10) },
    limits: { maxImages: 3, maxN: 1, maxPromptChars: GEMINI_PROMPT_CHARS },
    rules: [],
    wire: { responseModalities: false },
    latency: GEMINI_LATENCY,
    successor: "gemini-3.1-flash-image",
    members: [{ id: "gemini-2.5-flash-image", label: "Gemini 2.5 Flash Image (Nano Banana)" }],
    unconfirmed: ["its shutdown: Google gives only an earliest date, 2026-10-02 (§J.1)"],
  },
];
