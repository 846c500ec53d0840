import { describe, expect, it } from "vitest";
import { resolveLocale, translator } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";

describe("i18n", () => {
  it("uses the stored choice, else the browser language", () => {
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(resolveLocale(undefined, "zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(resolveLocale("fr", "en-GB,en")).toBe("en");
    expect(resolveLocale(undefined, null)).toBe("en");
  });

  it("interpolates and has every English key in Chinese", () => {
    expect(translator("en")("projects.assets", { count: 3 })).toBe("3 assets");
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
});
