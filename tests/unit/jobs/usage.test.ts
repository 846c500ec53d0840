import { describe, expect, it } from "vitest";
import { sumUsage } from "@/lib/jobs/usage";

describe("sumUsage (one job's usage over its requests)", () => {
  it("is null without usage, and the only one as it is", () => {
    expect(sumUsage([])).toBeNull();
    expect(sumUsage([null, null])).toBeNull();
    const one = { total_tokens: 5, input_tokens_details: { image_tokens: 2 } };
    expect(sumUsage([null, one, null])).toBe(one);
  });

  it("sums numbers, merges nested objects, and keeps the first of anything else", () => {
    const a = { total_tokens: 10, output_tokens: 8, input_tokens_details: { text_tokens: 2 }, model: "gpt-image-2" };
    const b = { total_tokens: 5, input_tokens_details: { text_tokens: 1, image_tokens: 4 }, model: "other", tags: [1] };
    expect(sumUsage([a, null, b])).toEqual({
      total_tokens: 15,
      output_tokens: 8,
      input_tokens_details: { text_tokens: 3, image_tokens: 4 },
      model: "gpt-image-2",
      tags: [1],
    });
    expect(a).toEqual({
      total_tokens: 10,
      output_tokens: 8,
      input_tokens_details: { text_tokens: 2 },
      model: "gpt-image-2",
    });
  });

  it("adds up n requests of one image each", () => {
    const per = { generated_images: 1, output_tokens: 4160, total_tokens: 4200 };
    expect(sumUsage([per, per, per])).toEqual({ generated_images: 3, output_tokens: 12480, total_tokens: 12600 });
  });
});
