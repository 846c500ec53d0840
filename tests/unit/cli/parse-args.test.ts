import { describe, expect, it } from "vitest";
import { coerceParams, parseCliArgs } from "@/lib/cli/parse-args";
import { getModel } from "@/lib/models";

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

  it("defaults to the default family's newest model, ./output and no dry run", () => {
    const a = parseCliArgs(["edit", "--prompt", "p", "--image", "a.png", "--image", "b.png", "--mask", "m.png"]);
    expect(a).toEqual({
      dryRun: false,
      operation: "edit",
      model: "gpt-image-2",
      prompt: "p",
      images: ["a.png", "b.png"],
      mask: "m.png",
      outDir: "output",
      rawParams: {},
    });
  });

  it.each([
    [["paint", "--prompt", "p"], /expected 'generate' or 'edit'/],
    [["generate"], /--prompt is required/],
    [["generate", "--prompt", "  "], /--prompt is required/],
    [["generate", "extra", "--prompt", "p"], /unexpected argument 'extra'/],
    [["--help"], /usage:/],
  ])("refuses %j with a usage message", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe("coerceParams", () => {
  it("types strings by the card (ints, numbers, booleans), and leaves the rest for the validator", () => {
    expect(coerceParams(getModel("gpt-image-2"), { n: "2", quality: "high", partial_images: "1" })).toEqual({
      n: 2,
      quality: "high",
      partial_images: 1,
    });
    expect(
      coerceParams(getModel("doubao-seedream-3-0-t2i-250415"), { guidance_scale: "2.5", watermark: "true", seed: "x" }),
    ).toEqual({ guidance_scale: 2.5, watermark: true, seed: Number.NaN });
    expect(coerceParams(getModel("gpt-image-2"), { style: "vivid" })).toEqual({ style: "vivid" });
    expect(coerceParams(undefined, { n: "2" })).toEqual({ n: "2" });
  });
});
