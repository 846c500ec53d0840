import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { assertKey, assetFileKey, assetThumbKey, previewKey } from "@/lib/storage/keys";

const ast = newId("ast", 1_700_000_000_000);
const gen = newId("gen", 1_700_000_000_000);

describe("storage keys", () => {
  it("derive from ids and stored types only", () => {
    expect(assetFileKey(ast, "image/png")).toBe(`assets/${ast}.png`);
    expect(assetFileKey(ast, "image/jpeg")).toBe(`assets/${ast}.jpg`);
    expect(assetThumbKey(ast)).toBe(`thumbs/${ast}.webp`);
    expect(previewKey(gen, 2, "image/webp")).toBe(`previews/${gen}-2.webp`);
    for (const key of [assetFileKey(ast, "image/webp"), assetThumbKey(ast), previewKey(gen, 0, "image/png")])
      expect(() => assertKey(key), key).not.toThrow();
  });

  it.each([
    `assets/${ast}.bin`, // an unknown type is never stored
    `assets/${gen}.png`, // a generation id is no asset
    `previews/${ast}-0.webp`,
    `previews/${gen}-10.webp`, // one digit: at most ten previews
    `previews/${gen}.webp`,
    `thumbs/../${ast}.webp`,
    `assets/${ast}.png/../../x`,
    `/assets/${ast}.png`,
    `exports/${ast}.png`,
    "",
  ])("refuses %s", (key) => {
    expect(() => assertKey(key)).toThrow("invalid storage key");
  });
});
