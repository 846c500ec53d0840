import type { Asset } from "@/lib/contracts/assets";
import { extensionOf } from "@/lib/contracts/mime";

/** Letters and digits of any script (Chinese prompts stay readable), joined by dashes, bounded. */
function slug(text: string | null, max = 40): string {
  const words = (text ?? "").normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
  let out = "";
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if ([...next].length > max) break;
    out = next;
  }
  return out.toLowerCase();
}

/**
 * A readable, unique name inside the archive: `0001-generated-white-mug-<id tail>.png`. Unique by the
 * id tail; the index keeps the archive in the order the user sees. Never derived from a file name.
 */
export function entryName(a: Asset, index: number): string {
  const parts = [String(index + 1).padStart(4, "0"), a.kind];
  const s = slug(a.prompt);
  if (s) parts.push(s);
  parts.push(a.id.slice(-8));
  return `${parts.join("-")}.${extensionOf(a.mimeType)}`;
}
