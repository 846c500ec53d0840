/**
 * Admin model settings: STUDIO_MODELS_FILE (the deployment's, checked at start) and the settings API
 * (stored in the database, on top of the file): add an id to a family, alias, hide, default, timeout.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getModels } from "@/app/api/models/route";
import { GET as getSettings, PUT as putSettings } from "@/app/api/settings/models/route";
import { boot } from "@/lib/boot";
import { loadModelsFile, refreshLists } from "@/lib/catalog";
import type { ModelsCatalog } from "@/lib/contracts/models";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { errorOf, jsonRequest, authedRequest } from "@/tests/helpers/http";
import { withSimulator } from "@/tests/helpers/simulator";

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-models-"));
const FILE = path.join(fileDir, "models.json");
fs.writeFileSync(
  FILE,
  JSON.stringify({
    models: [{ id: "gpt-image-2-ssvip", label: "House model (ssvip)", timeoutS: 900 }],
    hidden: ["gpt-image-2-03"],
  }),
);

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, STUDIO_MODELS_FILE: FILE }));

const catalog = async () =>
  (await (await getModels(authedRequest("http://x/api/models"), undefined)).json()) as ModelsCatalog;
const put = (body: unknown) => putSettings(jsonRequest("PUT", "/api/settings/models", body), undefined);

beforeEach(async () => {
  sim.simulator.reset();
  await put({});
  await refreshLists();
});

describe("STUDIO_MODELS_FILE", () => {
  it("labels, bounds and hides models for the whole deployment", async () => {
    const c = await catalog();
    expect(c.models.find((m) => m.id === "gpt-image-2-ssvip")).toMatchObject({
      label: "House model (ssvip)",
      timeoutS: 900,
    });
    expect(c.models.some((m) => m.id === "gpt-image-2-03")).toBe(false);
  });

  it.each([
    [{ models: [{ id: "x-1", family: "no-such-family" }] }, /models\.0\.family: unknown family 'no-such-family'/],
    [{ models: [{ id: "my-model" }] }, /models\.0\.family: 'my-model' matches no family/],
    [{ gateway: "elsewhere" }, /gateway/],
    [{ models: [{ id: "a", aliasOf: "a" }] }, /models\.0\.aliasOf/],
  ])("a bad file stops start-up naming the field: %j", (content, message) => {
    const bad = path.join(fileDir, `bad-${Math.random()}.json`);
    fs.writeFileSync(bad, JSON.stringify(content));
    expect(() => loadModelsFile(bad)).toThrow(message);
  });

  it("a file that is not JSON is refused at boot too", async () => {
    const bad = path.join(fileDir, "broken.json");
    fs.writeFileSync(bad, "{ not json");
    const saved = process.env.STUDIO_MODELS_FILE;
    process.env.STUDIO_MODELS_FILE = bad;
    const { resetEnv } = await import("@/lib/env");
    resetEnv();
    try {
      await expect(boot()).rejects.toThrow("STUDIO_MODELS_FILE is not valid JSON");
    } finally {
      process.env.STUDIO_MODELS_FILE = saved;
      resetEnv();
    }
  });
});

describe("PUT /api/settings/models", () => {
  it("adds a gateway id to a family, aliases a model, hides one and sets the default", async () => {
    const res = await put({
      defaultModel: "house",
      hidden: ["gemini-2.5-flash-image"],
      models: [
        { id: "house", aliasOf: "gpt-image-2-ssvip", label: "House" },
        { id: "gpt-image-2.6-flare", family: "gpt-image-2" },
      ],
    });
    expect(res.status).toBe(200);
    const c = await catalog();
    expect(c.defaultModel).toBe("house");
    expect(c.models.find((m) => m.id === "house")).toMatchObject({
      label: "House",
      family: "gpt-image-2",
      upstreamId: "gpt-image-2-ssvip",
      source: "config",
      availability: "available",
    });
    // Added to the family, but the gateway does not list it: shown, and unavailable.
    expect(c.models.find((m) => m.id === "gpt-image-2.6-flare")).toMatchObject({
      family: "gpt-image-2",
      source: "config",
      availability: "unavailable",
    });
    expect(c.models.some((m) => m.id === "gemini-2.5-flash-image")).toBe(false);
    const settings = (await (await getSettings(authedRequest("http://x/api/settings/models"), undefined)).json()) as {
      settings: unknown;
      file: unknown;
      families: { id: string }[];
    };
    expect(settings.file).toMatchObject({ hidden: ["gpt-image-2-03"] });
    expect(settings.families.map((f) => f.id)).toContain("gpt-image-2");
  });

  it("an alias generates through its target's upstream id", async () => {
    await put({ models: [{ id: "house", aliasOf: "gpt-image-2-ssvip" }] });
    const projectId = await newProject();
    const g0 = await startGeneration(projectId, { model: "house", operation: "generate", prompt: "mug" });
    expect((await waitFor(projectId, g0.id)).status).toBe("succeeded");
    const req = sim.simulator.requests.filter((r) => r.path === "/v1/images/generations").at(-1)!;
    expect((req.json as { model: string }).model).toBe("gpt-image-2-ssvip");
  });

  it("a hidden model is refused as model_unavailable", async () => {
    await put({ hidden: ["gpt-image-2"] });
    const projectId = await newProject();
    const res = await (
      await import("@/app/api/projects/[projectId]/generations/route")
    ).POST(
      jsonRequest("POST", `/api/projects/${projectId}/generations`, {
        model: "gpt-image-2",
        operation: "generate",
        prompt: "x",
      }),
      { params: Promise.resolve({ projectId }) },
    );
    await errorOf(res, 400, "model_unavailable");
  });

  it("answers invalid_request with the field for a bad body", async () => {
    const err = await errorOf(await put({ models: [{ id: "house", timeoutS: 1 }] }), 400, "invalid_request");
    expect(JSON.stringify(err.details)).toContain("models.0.timeoutS");
    await errorOf(await put({ surprise: true }), 400, "invalid_request");
  });
});
