/** §F.3 / §F.4: which sizes, aspect ratios and options each Gemini image model takes (the simulator's own copy). */
export interface GeminiModelSpec {
  ratios: readonly string[];
  /** Values `imageConfig.imageSize` may take; empty = the field is refused (the output is 1K). */
  sizes: readonly string[];
  /** Whether `generationConfig.responseModalities` is accepted at all. */
  modalities: boolean;
  /** Tools (camelCase names) the model takes in `tools[]`; anything else is refused. */
  tools: readonly string[];
  /** Output image tokens by imageSize. */
  imageTokens: Record<string, number>;
  /** Thinking models report thoughtsTokenCount. */
  thinking: boolean;
}

const RATIOS_10 = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] as const;
const RATIOS_14 = [...RATIOS_10, "1:4", "4:1", "1:8", "8:1"] as const;

const PRO: GeminiModelSpec = {
  ratios: RATIOS_10,
  sizes: ["1K", "2K", "4K"],
  modalities: true,
  tools: ["googleSearch"],
  imageTokens: { "1K": 1120, "2K": 1120, "4K": 2000 },
  thinking: true,
};
const FLASH_31: GeminiModelSpec = { ...PRO, ratios: RATIOS_14, tools: [] };

export const GEMINI_MODELS = {
  // DMXAPI documents 2.5 Flash as 1K only and without responseModalities: both fields are refused.
  "gemini-2.5-flash-image": {
    ratios: RATIOS_10,
    sizes: [],
    modalities: false,
    tools: [],
    imageTokens: { "1K": 1290 },
    thinking: false,
  },
  "gemini-3-pro-image": PRO,
  "gemini-3-pro-image-preview": PRO,
  "gemini-3.1-flash-image": FLASH_31,
  "gemini-3.1-flash-image-preview": FLASH_31,
  // 1K only (§F.3); ratios and token count are not documented, so it gets 2.5 Flash's.
  "gemini-3.1-flash-lite-image": {
    ratios: RATIOS_10,
    sizes: ["1K"],
    modalities: true,
    tools: [],
    imageTokens: { "1K": 1290 },
    thinking: false,
  },
} satisfies Record<string, GeminiModelSpec>;

export type GeminiModelId = keyof typeof GEMINI_MODELS;

export function geminiModel(id: string): GeminiModelSpec | null {
  return Object.hasOwn(GEMINI_MODELS, id) ? (GEMINI_MODELS[id as GeminiModelId] as GeminiModelSpec) : null;
}

/**
 * Google's published 1K pixel sizes; the four extra 3.1 ratios are our pick (multiples of 16, ~1 MP).
 * 2K doubles both edges, 4K quadruples them.
 */
const SIZE_1K: Record<string, [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [832, 1248],
  "3:2": [1248, 832],
  "3:4": [864, 1184],
  "4:3": [1184, 864],
  "4:5": [896, 1152],
  "5:4": [1152, 896],
  "9:16": [768, 1344],
  "16:9": [1344, 768],
  "21:9": [1536, 672],
  "1:4": [512, 2048],
  "4:1": [2048, 512],
  "1:8": [368, 2944],
  "8:1": [2944, 368],
};

export function geminiPixels(ratio: string, imageSize: string): [number, number] {
  const [w, h] = SIZE_1K[ratio];
  const k = imageSize === "4K" ? 4 : imageSize === "2K" ? 2 : 1;
  return [w * k, h * k];
}

/** Without an aspectRatio the model follows the first input image: the nearest ratio it offers. */
export function nearestRatio(ratios: readonly string[], width: number, height: number): string {
  const target = Math.log(width / height);
  const dist = (r: string) => {
    const [a, b] = r.split(":").map(Number);
    return Math.abs(Math.log(a / b) - target);
  };
  return ratios.reduce((best, r) => (dist(r) < dist(best) ? r : best));
}
