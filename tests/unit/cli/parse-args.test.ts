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
    const a = parseCliArgs(["edit", "--prompt", "p", "--image", "a.png", "--image", "b.png", "--mask", "m.png"], {});
    expect(a).toEqual({
      dryRun: false,
      operation: "edit",
      model: "gpt-image-2",
      prompt: "p",
      images: ["a.png", "b.png"],
      mask: "m.png",
      outDir: "output",
      rawParams: {},
      modelGiven: false,
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

describe("parseCliArgs, remote mode", () => {
  const gen = ["generate", "--prompt", "p"];

  it("--server and --token make it remote, in project CLI unless --project says otherwise", () => {
    expect(parseCliArgs([...gen, "--server", "http://studio:3000/", "--token", "atl_x"], {}).remote).toEqual({
      server: "http://studio:3000",
      token: "atl_x",
      project: "CLI",
    });
    const a = parseCliArgs(["--server=https://h/atelier//", "--token=t", "--project", "Shoes", ...gen], {});
    expect(a.remote).toEqual({ server: "https://h/atelier", token: "t", project: "Shoes" });
    expect(a.rawParams).toEqual({});
  });

  it("falls back to ATELIER_SERVER / ATELIER_TOKEN; the flags win", () => {
    const environ = { ATELIER_SERVER: "http://a:1", ATELIER_TOKEN: "env-token" };
    expect(parseCliArgs(gen, environ).remote).toEqual({ server: "http://a:1", token: "env-token", project: "CLI" });
    expect(parseCliArgs([...gen, "--server", "http://b:2", "--token", "flag"], environ).remote).toMatchObject({
      server: "http://b:2",
      token: "flag",
    });
    // A token in the environment alone does not leave the stand-alone mode.
    expect(parseCliArgs(gen, { ATELIER_TOKEN: "env-token" }).remote).toBeUndefined();
    expect(parseCliArgs(gen, { ATELIER_SERVER: "  " }).remote).toBeUndefined();
  });

  it("records whether --model was given (the remote mode asks the studio for its default)", () => {
    expect(parseCliArgs(gen, {}).modelGiven).toBe(false);
    expect(parseCliArgs([...gen, "--model", "gpt-image-1"], {}).modelGiven).toBe(true);
  });

  it.each([
    [["--server", "http://h:3000"], /--token T or set ATELIER_TOKEN/],
    [["--server", "http://h:3000", "--token", " "], /--token T or set ATELIER_TOKEN/],
    [["--server", "ftp://h"], /http\(s\) URL/],
    [["--server", "not a url", "--token", "t"], /http\(s\) URL/],
    [["--server", "http://u:secret@h", "--token", "t"], /no credentials/],
    [["--token", "secret-value"], /--token goes with --server/],
    [["--project", "x"], /--project goes with --server/],
    [["--server"], /--server needs a URL/],
  ])("refuses %j", (extra, message) => {
    expect(() => parseCliArgs([...gen, ...extra], {})).toThrow(message);
  });

  it("never echoes the token in a usage message", () => {
    for (const extra of [
      ["--token", "secret-value"],
      ["--server", "bad", "--token", "secret-value"],
    ]) {
      expect(() => parseCliArgs([...gen, ...extra], {})).toThrow(/^(?![\s\S]*secret-value)/);
    }
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
