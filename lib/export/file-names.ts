import type { Asset } from "@/lib/contracts/assets";
import { assetFileName, cleanText, splitExtension } from "@/lib/contracts/file-names";
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
 * The name of an asset without a file name: `0001-generated-white-mug-<id tail>.png`. Unique by the id tail;
 * the index keeps the archive in the order the user sees.
 */
export function entryName(a: Asset, index: number): string {
  const parts = [String(index + 1).padStart(4, "0"), a.kind];
  const s = slug(a.prompt);
  if (s) parts.push(s);
  parts.push(a.id.slice(-8));
  return `${parts.join("-")}.${extensionOf(a.mimeType)}`;
}

/** Device names Windows will not create a file under, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * A kept file name made safe as a ZIP entry on every system that unpacks it: one path segment (the kept
 * name has no `/`; `\` and the other characters Windows refuses, `<>:"|?*`, become `_`), no leading or
 * trailing dots or spaces, no device name (`CON.jpg` → `_CON.jpg`). The extension is the bytes' type's.
 */
export function safeEntryName(name: string): string {
  const { stem, ext } = splitExtension(
    cleanText(name)
      .replace(/[\\/<>:"|?*]/g, "_")
      .replace(/^[\s.]+|[\s.]+$/gu, ""),
  );
  const base = stem.split(".")[0];
  const safeStem = WINDOWS_RESERVED.test(base.trim()) ? `_${stem}` : stem || "_";
  return ext ? `${safeStem}.${ext}` : safeStem;
}

/** What the archive itself holds beside the images: no image may take these names. */
export const MANIFEST_NAMES = ["manifest.json", "manifest.csv"] as const;

/**
 * The entry name of each asset, unique in the archive (compared as Windows and macOS compare names: case
 * and Unicode form ignored). An asset with a file name is stored under it (the name as uploaded, extension
 * of its type: `SKU-1042-front.jpg`); the second asset of the same name gets `SKU-1042-front (2).jpg`, the
 * third `(3)`, in export order. An asset without one keeps its readable generated name (entryName). An
 * asset `skip` names (its file was gone before the download) gets null and takes no name.
 */
export function entryNames(assets: Asset[], skip: (i: number) => boolean = () => false): (string | null)[] {
  const taken = new Set<string>(MANIFEST_NAMES.map((n) => n.toLowerCase()));
  const key = (n: string) => n.normalize("NFC").toLowerCase();
  return assets.map((a, i) => {
    if (skip(i)) return null;
    const wanted = a.originalName ? safeEntryName(assetFileName(a)) : entryName(a, i);
    let name = wanted;
    const { stem, ext } = splitExtension(wanted);
    for (let n = 2; taken.has(key(name)); n++) name = `${stem} (${n})${ext ? `.${ext}` : ""}`;
    taken.add(key(name));
    return name;
  });
}
