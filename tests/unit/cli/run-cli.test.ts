import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/run-cli";
import { resetEnv } from "@/lib/env";
import { makeImage } from "@/tests/helpers/images";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-cli-"));
beforeAll(async () => {
  delete process.env.DMXAPI_API_KEY;
  resetEnv();
  fs.writeFileSync(path.join(dir, "a.png"), await makeImage(256, 256));
  fs.writeFileSync(path.join(dir, "b.png"), await makeImage(256, 256));
  fs.writeFileSync(path.join(dir, "m.png"), await makeImage(256, 256, "png", { alpha: true }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

type Described = {
  url: string;
  headers: Record<string, string>;
  body: { json?: Record<string, unknown>; parts?: { name: string; value?: string }[] };
};

describe("cli", () => {
  it("prints a correct dry-run request without a key: the default family's model, only chosen params", async () => {
    const r = await cli("--dry-run", "generate", "--prompt", "白底产品图");
    expect(r.code).toBe(0);
    const req = JSON.parse(r.out) as Described;
    expect(req.url).toBe("https://www.dmxapi.cn/v1/images/generations");
    expect(req.headers.authorization).not.toContain("sk-");
    expect(req.body.json).toEqual({ model: "gpt-image-2", prompt: "白底产品图" });
  });

  it("sends what was given on the command line, typed by the card, plus the always-sent ones", async () => {
    const gpt = JSON.parse((await cli("--dry-run", "generate", "--prompt", "p", "--n", "2", "--quality", "high")).out);
    expect((gpt as Described).body.json).toEqual({ model: "gpt-image-2", prompt: "p", n: 2, quality: "high" });
    const dalle = JSON.parse((await cli("--dry-run", "generate", "--model", "dall-e-3", "--prompt", "p")).out);
    expect((dalle as Described).body.json).toEqual({ model: "dall-e-3", prompt: "p", response_format: "b64_json" });
  });

  it("lists the multipart parts of a dry-run edit, with no default injected", async () => {
    const r = await cli(
      "--dry-run",
      "edit",
      "--model",
      "gpt-image-1",
      "--image",
      path.join(dir, "a.png"),
      "--image",
      path.join(dir, "b.png"),
      "--mask",
      path.join(dir, "m.png"),
      "--prompt",
      "p",
    );
    expect(r.code).toBe(0);
    const parts = (JSON.parse(r.out) as Described).body.parts!.map((p) => p.name);
    expect(parts.filter((n) => n === "image")).toHaveLength(2);
    expect(parts).toContain("mask");
    expect(parts).not.toContain("input_fidelity");
    expect(parts.filter((n) => n !== "image" && n !== "mask").sort()).toEqual(["model", "prompt"]);
  });

  it("generates against the simulator and saves images with JSON sidecars", async () => {
    const out = path.join(dir, "out");
    const r = await cli(
      "generate",
      "--model",
      "gpt-image-2",
      "--prompt",
      "mug",
      "--n",
      "2",
      "--output-format",
      "webp",
      "--quality",
      "low",
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const files = r.out.split("\n");
    expect(files).toHaveLength(2);
    expect((await sharp(files[0]).metadata()).format).toBe("webp");
    const meta = JSON.parse(fs.readFileSync(`${files[0]}.json`, "utf8")) as Record<string, unknown>;
    expect(meta).toMatchObject({
      model: "gpt-image-2",
      operation: "generate",
      prompt: "mug",
      params: { n: 2, output_format: "webp", quality: "low" },
    });
    expect(meta.params).toEqual({ n: 2, quality: "low", output_format: "webp" });
    // The gateway's id first (new-api's time + digits + 8 letters), the one its support asks for.
    expect(meta.requestId).toMatch(/^\d{23}[A-Za-z0-9]{8}$/);
  });

  it("the built-in simulator is today's gateway: a retired model fails with the mapped error and request id", async () => {
    const r = await cli("generate", "--model", "gpt-image-1-mini", "--prompt", "mug", "--out", path.join(dir, "x"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error upstream_model_unavailable: .*gpt-image-1-mini.*\(request id: \d{23}[A-Za-z0-9]{8}\) \[HTTP 503\]/,
    );
    expect(fs.existsSync(path.join(dir, "x"))).toBe(false);
  });

  it("exits non-zero with the mapped error for a rejected request", async () => {
    const r = await cli("generate", "--model", "dall-e-3", "--prompt", "x", "--background", "transparent");
    expect(r.code).toBe(1);
    expect(r.err).toContain("param_not_supported");
    const usage = await cli("paint", "--prompt", "x");
    expect(usage.code).toBe(2);
  });
});
