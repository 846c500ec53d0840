import { describe, expect, it } from "vitest";
import { EXTENSION, extensionOf, IMAGE_MIME_TYPES, isImageMime } from "@/lib/contracts/mime";

describe("image types", () => {
  it("are PNG, JPEG and WebP, each with one extension", () => {
    expect(IMAGE_MIME_TYPES).toEqual(["image/png", "image/jpeg", "image/webp"]);
    expect(EXTENSION).toEqual({ "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" });
    for (const m of IMAGE_MIME_TYPES) expect(extensionOf(m)).toBe(EXTENSION[m]);
  });

  it("never guess: anything else is bin", () => {
    for (const m of ["image/gif", "image/svg+xml", "IMAGE/PNG", "image/jpg", "", "application/octet-stream"]) {
      expect(isImageMime(m), m).toBe(false);
      expect(extensionOf(m), m).toBe("bin");
    }
    expect(isImageMime("image/webp")).toBe(true);
  });
});
