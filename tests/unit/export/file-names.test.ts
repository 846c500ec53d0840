import { describe, expect, it } from "vitest";
import type { Asset } from "@/lib/contracts/assets";
import { entryNames, safeEntryName } from "@/lib/export/file-names";
import { assetFixture } from "@/tests/helpers/fixtures";

let seq = 0;
function asset(over: Partial<Asset>): Asset {
  const id = `ast_0000000000000000${String(++seq).padStart(4, "0")}`;
  return assetFixture({ id, kind: "upload", mimeType: "image/jpeg", createdAt: "2026-12-01T00:00:00.000Z", ...over });
}

describe("ZIP entry names", () => {
  it("stores a named asset under its name, with its type's extension", () => {
    const names = entryNames([
      asset({ originalName: "SKU-1042-front.jpg" }),
      asset({ originalName: "春季新品 主图.png", mimeType: "image/png" }),
      asset({ originalName: "mislabelled.png", mimeType: "image/webp" }),
    ]);
    expect(names).toEqual(["SKU-1042-front.jpg", "春季新品 主图.png", "mislabelled.webp"]);
  });

  it("numbers duplicates in export order, ignoring case and Unicode form", () => {
    const names = entryNames([
      asset({ originalName: "a.jpg" }),
      asset({ originalName: "A.jpg" }),
      asset({ originalName: "a.jpeg" }), // another spelling: another name
      asset({ originalName: "a.jpg" }),
      asset({ originalName: "Caf\u00e9.jpg" }),
      asset({ originalName: "Cafe\u0301.jpg" }),
      asset({ originalName: "manifest.json", mimeType: "image/png" }),
    ]);
    // NFC in the archive; an extension of another kind than an image's is kept and the type's appended.
    expect(names).toEqual([
      "a.jpg",
      "A (2).jpg",
      "a.jpeg",
      "a (3).jpg",
      "Caf\u00e9.jpg",
      "Caf\u00e9 (2).jpg",
      "manifest.json.png",
    ]);
    expect(new Set(names.map((n) => n!.normalize("NFC").toLowerCase())).size).toBe(names.length);
  });

  it("keeps the generated names of unnamed assets, and skips files that are gone", () => {
    const gen = asset({ kind: "generated", mimeType: "image/png", prompt: "white mug" });
    const names = entryNames([gen, asset({ originalName: "x.jpg" }), asset({})], (i) => i === 2);
    expect(names[0]).toBe(`0001-generated-white-mug-${gen.id.slice(-8)}.png`);
    expect(names.slice(1)).toEqual(["x.jpg", null]);
  });

  it("makes names safe to unpack anywhere: one segment, no device names, no Windows-refused characters", () => {
    expect(safeEntryName('a<b>c:d"e|f?g*h\\i.jpg')).toBe("a_b_c_d_e_f_g_h_i.jpg");
    expect(safeEntryName("CON.jpg")).toBe("_CON.jpg");
    expect(safeEntryName("lpt1.tar.png")).toBe("_lpt1.tar.png");
    expect(safeEntryName("console.jpg")).toBe("console.jpg");
    expect(safeEntryName("..")).toBe("_");
    for (const hostile of ["../../etc/passwd.jpg", "/abs.jpg", "C:\\x.jpg", "a\r\nb.jpg"]) {
      const n = safeEntryName(hostile);
      expect(n).not.toMatch(/[/\\\r\n]/);
      expect(n.split("/")).not.toContain("..");
    }
  });
});
