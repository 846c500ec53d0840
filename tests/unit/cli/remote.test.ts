/**
 * The CLI's remote mode against a real HTTP server on 127.0.0.1 that runs the studio's own route handlers
 * (tests/unit/cli/studio-server.ts) over a temp data dir, with generations running on the simulator.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/run-cli";
import { findGeneration } from "@/lib/generations";
import { listAllProjects } from "@/lib/projects";
import { makeUser, tokenFor } from "@/tests/helpers/access";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage } from "@/tests/helpers/images";
import { withSimulator } from "@/tests/helpers/simulator";
import { startStudioServer } from "./studio-server";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, ATELIER_SERVER: undefined, ATELIER_TOKEN: undefined }));

let studio: Awaited<ReturnType<typeof startStudioServer>>;
let creator = "";
let viewer = "";
const WRONG = "atl_this-token-does-not-exist-0123456789abcdefghij";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-cli-remote-"));
/** Everything any run printed, checked for the tokens at the end. */
const printed: string[] = [];

beforeAll(async () => {
  studio = await startStudioServer();
  creator = await tokenFor((await makeUser("creator")).id, "cli");
  viewer = await tokenFor((await makeUser("viewer")).id, "cli");
  fs.writeFileSync(path.join(dir, "a.png"), await makeImage(512, 512));
  fs.writeFileSync(path.join(dir, "m.png"), await makeImage(512, 512, "png", { alpha: true }));
});
afterAll(async () => {
  await studio?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.simulator.clearFaults();
  studio.requests.length = 0;
});

async function cli(argv: string[], opts: Parameters<typeof runCli>[3] = {}, onErr?: (line: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => {
      err.push(l);
      onErr?.(l);
    },
    { pollMs: 20, ...opts },
  );
  printed.push(...out, ...err);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const remote = (token: string) => ["--server", studio.origin, "--token", token];

describe("cli --server", () => {
  it("generates on the studio: creates project CLI, prints progress, saves a PNG of the requested size", async () => {
    const out = path.join(dir, "gen");
    const argv = [...remote(creator), "generate", "--prompt", "mug", "--size", "1536x1024", "--quality", "low"];
    const r = await cli([...argv, "--output-format", "png", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const files = r.out.split("\n");
    expect(files).toHaveLength(1);
    expect(path.dirname(files[0])).toBe(out);
    const meta = await sharp(files[0]).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1536, 1024]);
    const side = JSON.parse(fs.readFileSync(`${files[0]}.json`, "utf8")) as Record<string, unknown>;
    expect(side).toMatchObject({ model: "gpt-image-2", operation: "generate", prompt: "mug", server: studio.origin });
    expect(side.params).toEqual({ size: "1536x1024", quality: "low", output_format: "png" });
    expect(r.err).toMatch(/^succeeded 1\/1/m);
    expect(r.err).toContain('project "CLI"');

    const cliProjects = (await listAllProjects()).filter((p) => p.name === "CLI");
    expect(cliProjects).toHaveLength(1);
    const g = await findGeneration(cliProjects[0].id, side.generationId as string);
    expect(g.status).toBe("succeeded");
    expect(g.assetIds).toEqual([side.assetId]);
    // Every request carried the token as a bearer, and only there.
    expect(studio.requests.every((q) => q.authorization === `Bearer ${creator}` && !q.path.includes(creator))).toBe(
      true,
    );

    // A second run finds the project rather than making another.
    const again = await cli([...argv, "--out", out]);
    expect(again.code, again.err).toBe(0);
    expect((await listAllProjects()).filter((p) => p.name === "CLI")).toHaveLength(1);
  });

  it("edits: uploads the image and the mask, then saves the result", async () => {
    const out = path.join(dir, "edit");
    const r = await cli([
      ...remote(creator),
      "edit",
      "--project",
      "Edits",
      "--image",
      path.join(dir, "a.png"),
      "--mask",
      path.join(dir, "m.png"),
      "--prompt",
      "make it blue",
      "--out",
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const [file] = r.out.split("\n");
    expect((await sharp(file).metadata()).format).toBeDefined();
    const side = JSON.parse(fs.readFileSync(`${file}.json`, "utf8")) as { projectId: string; generationId: string };
    const uploads = studio.requests.filter((q) => q.method === "POST" && q.path.endsWith("/assets"));
    expect(uploads).toHaveLength(2);
    const g = await findGeneration(side.projectId, side.generationId);
    expect(g.operation).toBe("edit");
    expect(g.inputAssetIds).toHaveLength(1);
    expect(g.maskAssetId).toMatch(/^ast_/);
    expect((await listAllProjects()).find((p) => p.id === side.projectId)?.name).toBe("Edits");
  });

  it("a project given by id is used as it is", async () => {
    const id = (await listAllProjects()).find((p) => p.name === "Edits")!.id;
    const r = await cli([
      ...remote(creator),
      "generate",
      "--project",
      id,
      "--prompt",
      "x",
      "--out",
      path.join(dir, "id"),
    ]);
    expect(r.code, r.err).toBe(0);
    expect(studio.requests.some((q) => q.method === "POST" && q.path === `/api/projects/${id}/generations`)).toBe(true);
    expect(studio.requests.some((q) => q.path === "/api/projects")).toBe(false);
  });

  it("a wrong token: exit 1 with `error unauthenticated`, nothing saved", async () => {
    const out = path.join(dir, "wrong");
    const r = await cli([...remote(WRONG), "generate", "--prompt", "x", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error unauthenticated: /m);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("a viewer's token: `error forbidden`, whether the project must be made or already exists", async () => {
    const fresh = await cli([...remote(viewer), "generate", "--project", "Viewer's", "--prompt", "x"]);
    expect(fresh.code).toBe(1);
    expect(fresh.err).toMatch(/^error forbidden: /m);
    const existing = await cli([...remote(viewer), "generate", "--prompt", "x", "--out", path.join(dir, "v")]);
    expect(existing.code).toBe(1);
    expect(existing.err).toMatch(/^error forbidden: /m);
    expect(studio.requests.some((q) => q.method === "POST" && q.path.endsWith("/generations"))).toBe(true);
  });

  it("--server without a token is a usage error naming --token and ATELIER_TOKEN; nothing is sent", async () => {
    const r = await cli(["--server", studio.origin, "generate", "--prompt", "x"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--token");
    expect(r.err).toContain("ATELIER_TOKEN");
    expect(studio.requests).toHaveLength(0);
  });

  it("the studio's refusal prints like the stand-alone mode's, issues included", async () => {
    const r = await cli([...remote(creator), "generate", "--model", "dall-e-3", "--prompt", "x", "--background", "y"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error (param_not_supported|model_unavailable|invalid_request): /m);
  });

  it("a failed generation prints `error <code>: message (request id …) [HTTP n]` and exits 1", async () => {
    sim.simulator.addFault({ kind: "server_error", times: 1 });
    const r = await cli([...remote(creator), "generate", "--prompt", "x", "--out", path.join(dir, "fail")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error upstream_unavailable: .*\(request id:? \S+\) \[HTTP 5\d\d\]$/m);
    expect(r.out).toBe("");
  });

  it("Ctrl-C cancels the running generation on the studio (exit 130)", async () => {
    sim.simulator.addFault({ kind: "hang", times: 1 });
    const ctrl = new AbortController();
    const r = await cli(
      [...remote(creator), "generate", "--prompt", "slow", "--out", path.join(dir, "c")],
      {
        signal: ctrl.signal,
      },
      (line) => {
        if (/^generating /.test(line)) ctrl.abort();
      },
    );
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/cancelled generation gen_/);
    const post = studio.requests.find((q) => q.method === "POST" && q.path.endsWith("/cancel"));
    expect(post).toBeDefined();
    const [, , , projectId, , generationId] = post!.path.split("/");
    expect((await findGeneration(projectId, generationId)).status).toBe("cancelled");
  });

  it("a dry run sends nothing and prints the requests with the token hidden", async () => {
    const r = await cli([
      ...remote(creator),
      "--dry-run",
      "edit",
      "--image",
      path.join(dir, "a.png"),
      "--prompt",
      "p",
      "--n",
      "2",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(studio.requests).toHaveLength(0);
    const steps = JSON.parse(r.out) as { method: string; url: string; headers: Record<string, string>; body?: never }[];
    expect(steps.every((s) => s.headers.authorization === "Bearer <hidden>")).toBe(true);
    expect(steps.map((s) => `${s.method} ${s.url.slice(studio.origin.length)}`)).toContain(
      'POST /api/projects/<id of project "CLI">/generations',
    );
    const gen = steps.find((s) => s.url.endsWith("/generations")) as unknown as { body: { json: unknown } };
    expect(gen.body.json).toEqual({
      model: "<the studio's default model>",
      operation: "edit",
      prompt: "p",
      params: { n: 2 },
      inputAssetIds: ["<asset id of a.png>"],
    });
  });

  it("takes the server and the token from ATELIER_SERVER / ATELIER_TOKEN", async () => {
    process.env.ATELIER_SERVER = studio.origin;
    process.env.ATELIER_TOKEN = TEST_ADMIN_TOKEN;
    try {
      const r = await cli(["generate", "--prompt", "env", "--out", path.join(dir, "env")]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain("the admin token (admin)");
      expect(studio.requests.every((q) => q.authorization === `Bearer ${TEST_ADMIN_TOKEN}`)).toBe(true);
    } finally {
      delete process.env.ATELIER_SERVER;
      delete process.env.ATELIER_TOKEN;
    }
  });

  it("an unreachable server is a plain error, exit 1", async () => {
    const r = await cli(["--server", "http://127.0.0.1:9", "--token", creator, "generate", "--prompt", "x"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:9/m);
  });

  it("never printed a token", () => {
    expect(printed.length).toBeGreaterThan(10);
    for (const secret of [creator, viewer, WRONG, TEST_ADMIN_TOKEN])
      expect(printed.filter((l) => l.includes(secret))).toEqual([]);
  });
});
