export type Rgb = [number, number, number];
export function borderColour(rgba: Uint8Array, w: number, h: number): Rgb;
export function floodBackground(rgba: Uint8Array, w: number, h: number, bg: Rgb, threshold: number): Uint8Array;
export function cutoutMask(rgba: Uint8Array, w: number, h: number, threshold: number, mask: Uint8Array): boolean;
export function sharedBytes(n: number): Uint8Array;
export function applyAlpha(rgba: Uint8Array, alpha: Uint8Array): void;
