import { describe, expect, it } from "vitest";
import { usageLabel } from "@/components/assets/usage-text";
import { translator } from "@/lib/i18n";

describe("usage in words", () => {
  it("names the keys the upstreams send, in both languages", () => {
    const en = translator("en");
    const zh = translator("zh-CN");
    expect(usageLabel(en, "input_tokens_details.image_tokens")).toBe("Input image tokens");
    expect(usageLabel(zh, "input_tokens_details.image_tokens")).toBe("输入图像 token");
    expect(usageLabel(en, "promptTokenCount")).toBe("Prompt tokens");
    expect(usageLabel(en, "generated_images")).toBe("Images generated");
  });

  it("turns an unknown key into words rather than showing it raw", () => {
    const en = translator("en");
    expect(usageLabel(en, "cachedContentTokenCount")).toBe("cached content token count");
    expect(usageLabel(en, "prompt_tokens_details.cached_tokens")).toBe("prompt tokens details · cached tokens");
  });
});
