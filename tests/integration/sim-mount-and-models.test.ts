import { authedRequest } from "@/tests/helpers/http";
import { afterEach, describe, expect, it } from "vitest";
import { GET as getModels } from "@/app/api/models/route";
import { GET as simGet, POST as simPost } from "@/app/sim/[...path]/route";
import { resetLists } from "@/lib/catalog";
import { resetEnv } from "@/lib/env";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { withTempDataDir } from "@/tests/helpers/data-dir";

withTempDataDir();

afterEach(() => {
  delete process.env.DMXAPI_API_KEY;
  delete process.env.DMXAPI_BASE_URL;
  resetEnv();
  resetLists();
});

const generate = (key: string) =>
  authedRequest("http://127.0.0.1:3000/sim/v1/images/generations", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-image-2", prompt: "mug", size: "1024x1024", quality: "low" }),
  });

describe("the /sim mount", () => {
  it("serves the simulator while no key is set", async () => {
    const res = await simPost(generate(SIMULATOR_KEY));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const body = (await res.json()) as { data: { b64_json: string }[] };
    expect(body.data[0].b64_json.length).toBeGreaterThan(100);
  });

  it("does not exist from the outside once a real key is configured", async () => {
    process.env.DMXAPI_API_KEY = "sk-live-secret";
    resetEnv();
    for (const res of [
      await simPost(generate("sk-live-secret")),
      await simGet(authedRequest("http://127.0.0.1:3000/sim/_control")),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("sk-live-secret");
    }
  });
});

describe("GET /api/models", () => {
  it("serves the registry and marks providers simulated without a key", async () => {
    const body = (await (await getModels(authedRequest("http://x/api/models"), undefined)).json()) as {
      providers: { id: string; simulated: boolean; configured: boolean }[];
      models: { id: string; featureTags: string[]; params: Record<string, unknown> }[];
    };
    expect(body.providers.map((p) => p.id)).toEqual(["dmxapi_openai_img", "dmxapi_gemini", "ark"]);
    expect(body.providers.every((p) => p.simulated && p.configured)).toBe(true);
    const ids = body.models.map((m) => m.id);
    for (const id of ["gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini", "dall-e-3"]) expect(ids).toContain(id);
    const d3 = body.models.find((m) => m.id === "dall-e-3")!;
    expect(d3.params).not.toHaveProperty("background");
    expect(d3.featureTags).toContain("oa_style_control");
  });

  it("never contains the API key", async () => {
    process.env.DMXAPI_API_KEY = "sk-live-secret-123";
    // A closed loopback port: the model list is read, and fails, without leaving the machine.
    process.env.DMXAPI_BASE_URL = "http://127.0.0.1:9";
    resetEnv();
    resetLists();
    const text = await (await getModels(authedRequest("http://x/api/models"), undefined)).text();
    expect(text).not.toContain("sk-live-secret-123");
    const body = JSON.parse(text) as { providers: { id: string; simulated: boolean; configured: boolean }[] };
    expect(body.providers.find((p) => p.id === "dmxapi_openai_img")).toMatchObject({
      configured: true,
      simulated: false,
    });
    expect(body.providers.find((p) => p.id === "ark")).toMatchObject({ configured: false });
  });
});
