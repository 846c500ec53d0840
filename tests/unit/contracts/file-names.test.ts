import { describe, expect, it } from "vitest";
import {
  assetFileName,
  derivedFileName,
  MAX_FILE_NAME_CHARS,
  sanitizeFileName,
  splitExtension,
  withTypeExtension,
} from "@/lib/contracts/file-names";

const chars = (s: string) => Array.from(s).length;

describe("sanitizeFileName", () => {
  it("keeps CJK, spaces and case as they are", () => {
    expect(sanitizeFileName("春季新品 主图-01.jpg")).toBe("春季新品 主图-01.jpg");
    expect(sanitizeFileName("SKU-1042-front.JPG")).toBe("SKU-1042-front.JPG");
    expect(sanitizeFileName("  spaced  name .png  ")).toBe("spaced  name .png");
  });

  it("strips any path, Windows or POSIX", () => {
    expect(sanitizeFileName("C:\\fakepath\\SKU-1042.jpg")).toBe("SKU-1042.jpg");
    expect(sanitizeFileName("../../etc/passwd.png")).toBe("passwd.png");
    expect(sanitizeFileName("..\\..\\x.webp")).toBe("x.webp");
    expect(sanitizeFileName("/abs/olute.png")).toBe("olute.png");
    expect(sanitizeFileName("dir/")).toBeNull();
  });

  it("drops controls, CR/LF, bidi overrides and isolates, BOM, zero-width space; keeps joiners", () => {
    expect(sanitizeFileName("evil\r\nX-Injected: 1.jpg")).toBe("evilX-Injected: 1.jpg");
    expect(sanitizeFileName("tab\there\u0000\u007f\u0085.png")).toBe("tabhere.png");
    expect(sanitizeFileName("photo\u202Egpj.exe")).toBe("photogpj.exe");
    expect(sanitizeFileName("\u2066a\u2069\u200E\u200F\u061C\u200B\uFEFFb.png")).toBe("ab.png");
    expect(sanitizeFileName("👩\u200D💻.png")).toBe("👩\u200D💻.png");
  });

  it("normalises to NFC (macOS sends decomposed names) and replaces lone surrogates", () => {
    expect(sanitizeFileName("Cafe\u0301.png")).toBe("Caf\u00e9.png");
    expect(sanitizeFileName("a\ud800b.png")).toBe("a\ufffdb.png");
  });

  it("leaves nothing for dot names, empty or blank names", () => {
    for (const n of ["", "   ", ".", "..", "...", "\u202E", null, undefined]) expect(sanitizeFileName(n)).toBeNull();
    expect(sanitizeFileName(".hidden.png")).toBe("hidden.png");
    expect(sanitizeFileName("trailing.png. . ")).toBe("trailing.png");
  });

  it("cuts long names to 200 characters in the stem, keeping the extension and whole characters", () => {
    const long = sanitizeFileName(`${"a".repeat(1000)}.jpeg`)!;
    expect(chars(long)).toBe(MAX_FILE_NAME_CHARS);
    expect(long.endsWith("a.jpeg")).toBe(true);
    const cjk = sanitizeFileName(`${"春".repeat(300)}.png`)!;
    expect(chars(cjk)).toBe(MAX_FILE_NAME_CHARS);
    expect(cjk.endsWith("春.png")).toBe(true);
    // Emoji of two code points each (one a surrogate pair plus a variation selector): never split.
    const emoji = sanitizeFileName(`${"❤️".repeat(150)}.png`)!;
    expect(chars(emoji)).toBeLessThanOrEqual(MAX_FILE_NAME_CHARS);
    expect(emoji).toMatch(/^(❤️)+\.png$/u);
    expect(chars(sanitizeFileName("x".repeat(500))!)).toBe(MAX_FILE_NAME_CHARS);
  });
});

describe("extensions", () => {
  it("splits the last extension off a non-empty stem", () => {
    expect(splitExtension("a.b.png")).toEqual({ stem: "a.b", ext: "png" });
    expect(splitExtension("noext")).toEqual({ stem: "noext", ext: "" });
    expect(splitExtension("v1. release")).toEqual({ stem: "v1. release", ext: "" });
  });

  it("gives the name the extension of the bytes' type", () => {
    expect(withTypeExtension("a.jpeg", "image/jpeg")).toBe("a.jpeg");
    expect(withTypeExtension("a.JPG", "image/jpeg")).toBe("a.JPG");
    expect(withTypeExtension("a.png", "image/jpeg")).toBe("a.jpg");
    expect(withTypeExtension("scan.v2", "image/webp")).toBe("scan.v2.webp");
    expect(withTypeExtension("noext", "image/png")).toBe("noext.png");
  });

  it("names an asset's file: its own name, else <id>.<ext>", () => {
    expect(assetFileName({ id: "ast_1", mimeType: "image/png", originalName: null })).toBe("ast_1.png");
    expect(assetFileName({ id: "ast_1", mimeType: "image/png", originalName: "主图.png" })).toBe("主图.png");
    expect(assetFileName({ id: "ast_1", mimeType: "image/webp", originalName: "主图.jpg" })).toBe("主图.webp");
  });
});

describe("derivedFileName", () => {
  it("names edits and cutouts after their source", () => {
    expect(derivedFileName("SKU-1042-front.jpg", "cutout", "image/png")).toBe("SKU-1042-front-cutout.png");
    expect(derivedFileName("SKU-1042-front-cutout.png", "edit", "image/jpeg")).toBe("SKU-1042-front-cutout-edit.jpg");
    expect(derivedFileName("scan.v2", "edit", "image/png")).toBe("scan.v2-edit.png");
    expect(derivedFileName(null, "edit", "image/png")).toBeNull();
  });

  it("cuts the stem, never the suffix, to stay within 200 characters", () => {
    const name = derivedFileName(`${"名".repeat(199)}.jpg`, "cutout", "image/png")!;
    expect(chars(name)).toBe(MAX_FILE_NAME_CHARS);
    expect(name.endsWith("名-cutout.png")).toBe(true);
  });
});
