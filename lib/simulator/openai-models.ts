import "server-only";

/**
 * The simulator's own reading of docs/upstreams.md §A.1 / §B.2 / §E.1 / §F.3 — deliberately independent from the
 * studio's registry (lib/models), so a mistake there shows up as a 400 here. Which of these ids are served
 * right now is the model listing's business (model-listing.ts), not this table's.
 */
export interface OpenAIModelSpec {
  family: "gpt-image" | "dall-e";
  promptMax: number;
  /** Edits take 1..16 (gpt-image), exactly 1 (dall-e-2), none (dall-e-3). */
  maxEditImages: number;
  nMax: number;
  sizes: readonly string[];
  /** gpt-image-2 takes any WxH within note 6's limits. */
  customSizes: boolean;
  qualities: readonly string[];
  transparent: boolean;
  /** Parameters accepted on generations (JSON). */
  generate: ReadonlySet<string>;
  /** Text fields accepted on edits (multipart); file parts are checked separately. */
  edit: ReadonlySet<string>;
}

const GPT_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536"] as const;
const GPT_QUALITIES = ["auto", "low", "medium", "high"] as const;
const GPT_GENERATE = [
  "model",
  "prompt",
  "n",
  "size",
  "quality",
  "background",
  "moderation",
  "output_format",
  "output_compression",
  "stream",
  "partial_images",
  "user",
];
const GPT_EDIT = [
  "model",
  "prompt",
  "n",
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "stream",
  "partial_images",
  "user",
];

function gptImage(inputFidelity: boolean, extra: Partial<OpenAIModelSpec> = {}): OpenAIModelSpec {
  return {
    family: "gpt-image",
    promptMax: 32000,
    maxEditImages: 16,
    nMax: 10,
    sizes: GPT_SIZES,
    customSizes: false,
    qualities: GPT_QUALITIES,
    transparent: true,
    generate: new Set(GPT_GENERATE),
    edit: new Set(inputFidelity ? [...GPT_EDIT, "input_fidelity"] : GPT_EDIT),
    ...extra,
  };
}

/** The gpt-image-2 line (§A.1 notes 1 and 6, §B.2): custom WxH, no transparency, no input_fidelity. */
const GPT_IMAGE_2 = gptImage(false, { customSizes: true, transparent: false });

export const OPENAI_MODELS = {
  "gpt-image-2": GPT_IMAGE_2,
  "gpt-image-2-2026-04-21": GPT_IMAGE_2,
  // DMXAPI's own channels of gpt-image-2 (§F.3): the same limits; "-03" takes n=1 only.
  "gpt-image-2-ssvip": GPT_IMAGE_2,
  "gpt-image-2-03": { ...GPT_IMAGE_2, nMax: 1 },
  "gpt-image-1.5": gptImage(true),
  "gpt-image-1.5-2025-12-16": gptImage(true),
  // No source gives its parameters; it is the ChatGPT build of gpt-image-1.5, so it gets 1.5's card.
  "chatgpt-image-latest": gptImage(true),
  "gpt-image-1": gptImage(true),
  "gpt-image-1-mini": gptImage(false),
  "dall-e-3": {
    family: "dall-e",
    promptMax: 4000,
    maxEditImages: 0,
    nMax: 1,
    sizes: ["1024x1024", "1792x1024", "1024x1792"],
    customSizes: false,
    qualities: ["standard", "hd", "auto"],
    transparent: false,
    generate: new Set(["model", "prompt", "n", "size", "quality", "response_format", "style", "user"]),
    edit: new Set(),
  },
  "dall-e-2": {
    family: "dall-e",
    promptMax: 1000,
    maxEditImages: 1,
    nMax: 10,
    sizes: ["256x256", "512x512", "1024x1024"],
    customSizes: false,
    qualities: ["standard"],
    transparent: false,
    generate: new Set(["model", "prompt", "n", "size", "quality", "response_format", "user"]),
    edit: new Set(["model", "prompt", "n", "size", "quality", "response_format", "user"]),
  },
} satisfies Record<string, OpenAIModelSpec>;

export type OpenAIModelId = keyof typeof OPENAI_MODELS;

/** Every parameter the generations schema knows; anything else is `unknown_parameter`. */
export const KNOWN_GENERATE = new Set([...GPT_GENERATE, "response_format", "style"]);
/** Every text field the multipart edits schema knows (no `moderation`, no `style`: §B.2). */
export const KNOWN_EDIT = new Set([...GPT_EDIT, "input_fidelity", "response_format"]);

export function openaiModel(id: string): OpenAIModelSpec | null {
  return Object.hasOwn(OPENAI_MODELS, id) ? (OPENAI_MODELS[id as OpenAIModelId] as OpenAIModelSpec) : null;
}

/** §E.1 output image tokens per image (gpt-image before gpt-image-2). */
const OUTPUT_TOKENS: Record<string, Record<string, number>> = {
  low: { "1024x1024": 272, "1024x1536": 408, "1536x1024": 400 },
  medium: { "1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568 },
  high: { "1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208 },
};

/** Table value for the standard sizes; other sizes (gpt-image-2 custom) scale the square figure by area. */
export function outputImageTokens(quality: string, width: number, height: number): number {
  const row = OUTPUT_TOKENS[quality] ?? OUTPUT_TOKENS.medium;
  return row[`${width}x${height}`] ?? Math.round((row["1024x1024"] * width * height) / (1024 * 1024));
}

/** Input image tokens: 65 per 512px tile after fitting into 1024x1024 (a simplification; real counts vary by model). */
export function inputImageTokens(width: number, height: number, highFidelity: boolean): number {
  const k = Math.min(1, 1024 / Math.max(width, height));
  const tiles = Math.ceil((width * k) / 512) * Math.ceil((height * k) / 512);
  return tiles * 65 + (highFidelity ? 4096 : 0);
}

export const textTokens = (text: string) => Math.ceil(text.length / 4);
