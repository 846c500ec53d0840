/** Tiny byte strings with real image signatures; the provider only sniffs magic bytes. */
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

export const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR", [1, 2, 3, 4, 5]);
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF", [0, 1, 2]);
export const WEBP = bytes("RIFF", [26, 0, 0, 0], "WEBPVP8 ", [1, 2, 3, 4]);
export const GIF = bytes("GIF89a", [1, 0, 1, 0]);

export const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
