/**
 * Pixel operations of the local cutout on raw RGBA / single-channel buffers. Pure. They live in
 * lib/workers/pixel-ops.mjs (plain JS) so the worker pool runs the very same code.
 */
export { borderColour, floodBackground, type Rgb } from "@/lib/workers/pixel-ops.mjs";
