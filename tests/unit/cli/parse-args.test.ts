import { describe, expect, it } from "vitest";
import { parseCliArgs } from "@/lib/cli/parse-args";

describe("parseCliArgs", () => {
  it("parses upstream params given as --name value", () => {
    const a = parseCliArgs([
      "generate",
      "--prompt",
      "p",
      "--n",
      "2",
      "--output-format",
      "jpeg",
      "--model",
      "gpt-image-1",
    ]);
    expect(a.rawParams).toEqual({ n: "2", output_format: "jpeg" });
    expect(a.model).toBe("gpt-image-1");
  });
});
