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

describe("cli", () => {
  it("prints a correct dry-run request without a key", async () => {
    const r = await cli("--dry-run", "generate", "--prompt", "白底产品图");
    expect(r.code).toBe(0);
    const req = JSON.parse(r.out) as {
      url: string;
      headers: Record<string, string>;
      body: { json: Record<string, unknown> };
    };
    expect(req.url).toBe("https://www.dmxapi.cn/v1/images/generations");
    expect(req.headers.authorization).not.toContain("sk-");
    expect(req.body.json).toMatchObject({ model: "gpt-image-1.5", prompt: "白底产品图", n: 1 });
  });

  it("lists the multipart parts of a dry-run edit", async () => {
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
    const parts = (JSON.parse(r.out) as { body: { parts: { name: string }[] } }).body.parts.map((p) => p.name);
    expect(parts.filter((n) => n === "image")).toHaveLength(2);
    expect(parts).toContain("mask");
  });

  it("generates against the simulator and saves images with JSON sidecars", async () => {
    const out = path.join(dir, "out");
    const r = await cli(
      "generate",
      "--model",
      "gpt-image-1-mini",
      "--prompt",
      "mug",
      "--n",
      "2",
      "--output-format",
      "webp",
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const files = r.out.split("\n");
    expect(files).toHaveLength(2);
    expect((await sharp(files[0]).metadata()).format).toBe("webp");
    const meta = JSON.parse(fs.readFileSync(`${files[0]}.json`, "utf8")) as { model: string; requestId: string };
    expect(meta.model).toBe("gpt-image-1-mini");
    expect(meta.requestId).toMatch(/^req_/);
  });

  it("exits non-zero with the mapped error for a rejected request", async () => {
    const r = await cli("generate", "--model", "dall-e-3", "--prompt", "x", "--background", "transparent");
    expect(r.code).toBe(1);
    expect(r.err).toContain("param_not_supported");
    const usage = await cli("paint", "--prompt", "x");
    expect(usage.code).toBe(2);
  });
});
