/**
 * Isomorphic: the file names the studio keeps (`Asset.originalName`) and hands out (downloads, ZIP entries).
 * A name is display text only: storage keys come from ids, never from a name, and the type of a file comes
 * from its bytes, never from its extension.
 */
import { extensionOf } from "./mime";

/** The longest name kept, in characters (code points), extension included. */
export const MAX_FILE_NAME_CHARS = 200;

/**
 * Characters no name keeps: C0/C1 controls and DEL; the bidi embeddings, overrides, isolates and marks (a
 * `photo\u202Egpj.exe` reads as `photoexe.jpg`); zero-width space, word joiner and BOM; line and paragraph
 * separators. Zero-width (non-)joiners stay: emoji and several scripts need them.
 */
const UNWANTED = /[\p{Cc}\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;
/** A lone UTF-16 surrogate (no UTF-8 spelling): becomes U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** An extension: a dot, then 1–16 letters or digits, at the end, after a non-empty stem. */
const EXTENSION = /(?<=.)\.([\p{L}\p{N}]{1,16})$/u;

/** Extensions of image types a name may carry; one of another type than the bytes' is replaced. */
const IMAGE_EXTENSIONS = new Set([
  "png",
  "jpg",
  "jpeg",
  "jpe",
  "jfif",
  "webp",
  "gif",
  "bmp",
  "tif",
  "tiff",
  "heic",
  "heif",
  "avif",
]);
const EXTENSIONS_OF: Record<string, string[]> = {
  png: ["png"],
  jpg: ["jpg", "jpeg", "jpe", "jfif"],
  webp: ["webp"],
};

/** Text without lone surrogates, controls and bidi overrides, NFC (macOS sends decomposed names). */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(UNWANTED, "").normalize("NFC");
}

/** `{ stem: "SKU-1042-front", ext: "jpg" }`; `ext` is "" when the name has none. */
export function splitExtension(name: string): { stem: string; ext: string } {
  const m = EXTENSION.exec(name);
  return m ? { stem: name.slice(0, m.index), ext: m[1] } : { stem: name, ext: "" };
}

/** Whole user-perceived characters (an emoji, a letter with its marks), so a cut never splits one. */
function graphemes(text: string): string[] {
  if (typeof Intl !== "undefined" && "Segmenter" in Intl)
    return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (s) => s.segment);
  return Array.from(text);
}

/** `text` cut to at most `max` code points, at a character boundary. */
function cut(text: string, max: number): string {
  if (Array.from(text).length <= max) return text;
  let out = "";
  let used = 0;
  for (const g of graphemes(text)) {
    const n = Array.from(g).length;
    if (used + n > max) break;
    out += g;
    used += n;
  }
  return out;
}

/** Leading dots and spaces go (`..`, hidden files), and trailing ones (Windows drops them anyway). */
const trimName = (s: string) => s.replace(/^[\s.]+/u, "").replace(/[\s.]+$/u, "");

/**
 * An upload's file name as the studio keeps it, or null when nothing is left:
 * - any path goes (`C:\fakepath\a.jpg`, `../../a.jpg`, `dir/a.jpg` → `a.jpg`);
 * - controls, bidi overrides and lone surrogates go (see UNWANTED); NFC;
 * - leading and trailing dots and spaces go;
 * - at most MAX_FILE_NAME_CHARS characters, cut in the stem so the extension stays.
 * Spaces inside, CJK and every other script stay as they are.
 */
export function sanitizeFileName(raw: string | null | undefined, max = MAX_FILE_NAME_CHARS): string | null {
  if (!raw) return null;
  const cleaned = cleanText(raw);
  const base = trimName(cleaned.slice(Math.max(cleaned.lastIndexOf("/"), cleaned.lastIndexOf("\\")) + 1));
  if (!base) return null;
  if (Array.from(base).length <= max) return base;
  const { stem, ext } = splitExtension(base);
  const tail = ext ? `.${ext}` : "";
  const kept = trimName(cut(stem, max - Array.from(tail).length));
  return kept ? kept + tail : null;
}

/**
 * `name` with the extension of the bytes' type: kept when it already is one of that type's (`.jpeg` for a
 * JPEG), replaced when it names another image type (`a.png` holding a JPEG → `a.jpg`), appended otherwise
 * (`scan.v2` → `scan.v2.jpg`).
 */
export function withTypeExtension(name: string, mimeType: string): string {
  const want = extensionOf(mimeType);
  const { stem, ext } = splitExtension(name);
  const lower = ext.toLowerCase();
  if ((EXTENSIONS_OF[want] ?? [want]).includes(lower)) return name;
  return `${IMAGE_EXTENSIONS.has(lower) ? stem : name}.${want}`;
}

/**
 * The name an asset's file is handed out under (a download, the editor's title): its original name with
 * the extension of its type, else `<id>.<ext>` as before names were kept.
 */
export function assetFileName(a: { id: string; mimeType: string; originalName: string | null }): string {
  return a.originalName ? withTypeExtension(a.originalName, a.mimeType) : `${a.id}.${extensionOf(a.mimeType)}`;
}

/**
 * The name of an asset made from a named one: `<stem>-edit.<ext>`, `<stem>-cutout.<ext>` (the source's
 * extension dropped when it is an image type's; the result's type gives the new one), kept within
 * MAX_FILE_NAME_CHARS. Null when the source has no name.
 */
export function derivedFileName(sourceName: string | null, suffix: "edit" | "cutout", mimeType: string): string | null {
  if (!sourceName) return null;
  const { stem, ext } = splitExtension(sourceName);
  const base = IMAGE_EXTENSIONS.has(ext.toLowerCase()) ? stem : sourceName;
  const tail = `-${suffix}.${extensionOf(mimeType)}`;
  // The stem is what gets cut, so a long name still says what it is.
  const kept = trimName(cut(base, MAX_FILE_NAME_CHARS - tail.length));
  return kept ? kept + tail : null;
}
