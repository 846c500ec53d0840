import "server-only";
import { arkError } from "./http";

/** §G.2: the simulator's own copy of each Ark image model's ranges. */
export interface ArkModelSpec {
  /** Preset name → total pixels; the shape follows the first reference image. */
  presets: Record<string, number>;
  /** Explicit WxH: total-pixel range plus max aspect ratio (4.x), or an edge range (3.0). */
  custom: { minPixels: number; maxPixels: number; maxRatio: number } | { minEdge: number; maxEdge: number } | null;
  /** SeedEdit only takes "adaptive": the output follows the input image. */
  adaptive: boolean;
  defaultSize: string;
  params: ReadonlySet<string>;
  minImages: number;
  maxImages: number;
  sequential: boolean;
}

const COMMON = ["model", "prompt", "size", "watermark", "response_format", "stream"];
const SEEDREAM4 = [
  ...COMMON,
  "image",
  "sequential_image_generation",
  "sequential_image_generation_options",
  "optimize_prompt_options",
];
const K = 1024 * 1024;

export const ARK_MODELS: Record<string, ArkModelSpec> = {
  "doubao-seedream-4-0-250828": {
    presets: { "1K": K, "2K": 4 * K, "4K": 16 * K },
    custom: { minPixels: 921_600, maxPixels: 16_777_216, maxRatio: 16 },
    adaptive: false,
    defaultSize: "2048x2048",
    params: new Set(SEEDREAM4),
    minImages: 0,
    maxImages: 14,
    sequential: true,
  },
  "doubao-seedream-4-5-251128": {
    presets: { "2K": 4 * K, "4K": 16 * K },
    custom: { minPixels: 3_686_400, maxPixels: 16_777_216, maxRatio: 16 },
    adaptive: false,
    defaultSize: "2048x2048",
    params: new Set(SEEDREAM4),
    minImages: 0,
    maxImages: 14,
    sequential: true,
  },
  // 5.0 lite: the 4.5 size range (UNCONFIRMED, docs/upstreams.md §G.2), PNG or JPEG output, web search as a tool.
  "doubao-seedream-5-0-260128": {
    presets: { "2K": 4 * K, "4K": 16 * K },
    custom: { minPixels: 3_686_400, maxPixels: 16_777_216, maxRatio: 16 },
    adaptive: false,
    defaultSize: "2048x2048",
    params: new Set([...SEEDREAM4.filter((p) => p !== "optimize_prompt_options"), "output_format", "tools"]),
    minImages: 0,
    maxImages: 14,
    sequential: true,
  },
  "doubao-seedream-3-0-t2i-250415": {
    presets: {},
    custom: { minEdge: 512, maxEdge: 2048 },
    adaptive: false,
    defaultSize: "1024x1024",
    params: new Set([...COMMON, "seed", "guidance_scale"]),
    minImages: 0,
    maxImages: 0,
    sequential: false,
  },
  "doubao-seededit-3-0-i2i-250628": {
    presets: {},
    custom: null,
    adaptive: true,
    defaultSize: "adaptive",
    params: new Set([...COMMON, "image", "seed", "guidance_scale"]),
    minImages: 1,
    maxImages: 1,
    sequential: false,
  },
};

/** Every parameter the Ark API knows across models; anything else is refused as unknown. */
export const ARK_KNOWN = new Set([
  ...SEEDREAM4,
  "seed",
  "guidance_scale",
  "optimize_prompt",
  "output_format",
  "tools",
  "layer_decomposition",
]);

export function arkModel(id: string): ArkModelSpec | null {
  return Object.hasOwn(ARK_MODELS, id) ? ARK_MODELS[id] : null;
}

export const invalidParam = (param: string, why: string) =>
  arkError(400, "InvalidParameter", `The parameter \`${param}\` specified in the request is not valid: ${why}.`, param);

const round16 = (v: number) => Math.max(16, Math.round(v / 16) * 16);

/** A pixel budget shaped like `ratio` (w/h), edges on multiples of 16. */
export function shape(pixels: number, ratio: number): [number, number] {
  return [round16(Math.sqrt(pixels * ratio)), round16(Math.sqrt(pixels / ratio))];
}

/** Output pixel size for `size` (already defaulted); `refRatio` is the first reference image's w/h. */
export function arkPixels(spec: ArkModelSpec, size: string, refRatio: number | null): [number, number] {
  const ratio = Math.min(16, Math.max(1 / 16, refRatio ?? 1));
  if (spec.adaptive) {
    if (size !== "adaptive") throw invalidParam("size", `only 'adaptive' is supported by this model, got '${size}'`);
    return shape(K, ratio);
  }
  if (Object.hasOwn(spec.presets, size)) return shape(spec.presets[size], ratio);
  const m = /^(\d+)x(\d+)$/.exec(size);
  const c = spec.custom;
  const presets = Object.keys(spec.presets);
  const choices = presets.length ? `one of ${presets.join(", ")} or WIDTHxHEIGHT` : "WIDTHxHEIGHT";
  if (!m || !c) throw invalidParam("size", `expected ${choices}, got '${size}'`);
  const [w, h] = [Number(m[1]), Number(m[2])];
  if ("minEdge" in c) {
    if (Math.min(w, h) < c.minEdge || Math.max(w, h) > c.maxEdge)
      throw invalidParam("size", `each edge must be within [${c.minEdge}, ${c.maxEdge}]`);
  } else {
    if (w * h < c.minPixels || w * h > c.maxPixels)
      throw invalidParam("size", `total pixels must be within [${c.minPixels}, ${c.maxPixels}], got ${w * h}`);
    if (Math.max(w / h, h / w) > c.maxRatio)
      throw invalidParam("size", `aspect ratio must be within [1/${c.maxRatio}, ${c.maxRatio}]`);
  }
  return [w, h];
}
