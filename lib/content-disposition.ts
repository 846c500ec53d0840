/**
 * `Content-Disposition` with a file name (RFC 6266): `filename="<ASCII fallback>"` for old clients and
 * `filename*=UTF-8''<percent-encoded>` (RFC 8187, was 5987) with the real name, which every current browser
 * prefers. Whatever the name holds, the header is one line of printable ASCII: the fallback keeps only
 * printable ASCII other than `"`, `\`, `%`, `;` and `=`, and the extended value percent-encodes everything but
 * RFC 8187's attr-chars — a name can never end the parameter, add one, or break the header.
 */
import { cleanText, splitExtension } from "@/lib/contracts/file-names";

/** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
const encodeExtValue = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Printable ASCII without `"` `\` `%` `;` `=` (nothing a naive parser could split on): accents folded
 * (`é` → `e`), anything else a `_`, runs merged.
 */
const asciiOnly = (s: string) =>
  cleanText(s)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]|["\\%;=]/g, "_")
    .replace(/_+/g, "_");

const lettersAndDigits = (s: string) => s.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/**
 * The ASCII spelling of `name` (asciiOnly, `_` and spaces trimmed off the stem), or null when it keeps less
 * than half of the stem's letters and digits (`春季新品-01.jpg` would be `_-01.jpg`): then a fallback such
 * as `<id>.jpg` says more. Accents count as kept (`Crème` → `Creme`).
 */
export function asciiFold(name: string): string | null {
  const { stem, ext } = splitExtension(asciiOnly(name));
  const tidy = stem.replace(/^[_\s]+|[_\s]+$/g, "");
  const had = lettersAndDigits(splitExtension(cleanText(name)).stem);
  const kept = lettersAndDigits(tidy);
  if (kept === 0 || kept * 2 < had) return null;
  return ext ? `${tidy}.${ext}` : tidy;
}

/**
 * The header value: `inline` (shown in the browser) or `attachment` (saved), with both spellings of `name`.
 * The `filename=` one is `ascii` when given, else `name` folded to ASCII, else `fallback` (e.g. `<id>.png`).
 */
export function contentDisposition(
  type: "inline" | "attachment",
  name: string,
  fallback: string,
  ascii?: string,
): string {
  const clean = cleanText(name) || fallback;
  const plain = asciiOnly(ascii ?? asciiFold(clean) ?? fallback) || "download";
  return `${type}; filename="${plain}"; filename*=UTF-8''${encodeExtValue(clean)}`;
}
