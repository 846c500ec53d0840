import { describe, expect, it } from "vitest";
import { disabledValueText, lockedText, paramLabel, valueLabel } from "@/components/panel/param-text";
import { translator } from "@/lib/i18n";
import { getModel, type ModelCard } from "@/lib/models";

const gpt1 = getModel("gpt-image-1") as ModelCard;

describe("param words", () => {
  const en = translator("en");
  const zh = translator("zh-CN");

  it("uses catalog labels, falling back to the card for unknown params", () => {
    expect(paramLabel(en, "output_compression", gpt1.params.output_compression)).toBe("Compression");
    expect(paramLabel(zh, "quality", gpt1.params.quality)).toBe("质量");
    expect(paramLabel(en, "brand_new", { type: "boolean", label: "Brand new" })).toBe("Brand new");
    expect(valueLabel(en, "1536x1024")).toBe("1536 × 1024");
    expect(valueLabel(zh, "transparent")).toBe("透明");
  });

  it("explains locks and disabled options from the card's rules", () => {
    expect(lockedText(en, gpt1, "generate", {}, "output_compression")).toBe("Only with Output format JPEG / WebP.");
    expect(lockedText(en, gpt1, "generate", { output_format: "webp" }, "output_compression")).toBeUndefined();
    expect(disabledValueText(en, gpt1, "background", "transparent")).toBe(
      "Transparent needs Output format PNG / WebP.",
    );
  });
});
