import { describe, expect, it } from "vitest";
import { createSimulator, startSimulatorServer } from "@/lib/simulator";
import { expectIds, expectOpenAIError, KEY, readJson } from "@/tests/helpers/simulator-requests";
import { control, geminiList, LEGACY, openaiList, TODAY_GEMINI, TODAY_OPENAI, type OpenAIList } from "./list-helpers";

describe("the listing switch", () => {
  it("lists every known id with the vendors' shutdown dates under the `all` preset (option or control)", async () => {
    const viaControl = createSimulator();
    expect((await viaControl.handle(control("/_control/models", { preset: "all" }))).status).toBe(204);
    for (const sim of [createSimulator({ models: "all" }), viaControl]) {
      const list = await openaiList(sim);
      const dates = Object.fromEntries(list.data.map((m) => [m.id, m.shutdown_date]));
      for (const [id, date] of LEGACY) expect(dates[id]).toBe(date);
      for (const id of [...TODAY_OPENAI, ...TODAY_GEMINI]) expect(dates[id]).toBeUndefined();
      const gemini = (await geminiList(sim)).models.map((m) => m.name);
      expect(gemini).toContain("models/gemini-3-pro-image-preview");
      expect(gemini.every((n) => n.startsWith("models/gemini-"))).toBe(true);
      // Ark has no model list: its ids are served by its own route and never listed here.
      expect(list.data.some((m) => m.id.startsWith("doubao-"))).toBe(false);
    }
  });

  it("replaces the listing with exactly the ids given, with their dates, and shows it on GET /_control", async () => {
    const sim = createSimulator();
    const set = await sim.handle(
      control("/_control/models", {
        models: [
          { id: "gpt-image-1", shutdownDate: "2099-10-23" },
          { id: "gemini-3-pro-image", shutdownDate: null },
          { id: "gpt-image-2" },
        ],
      }),
    );
    expect(set.status).toBe(204);
    expectIds(set);
    const list = await openaiList(sim);
    // Catalog order, not request order.
    expect(list.data.map((m) => [m.id, m.shutdown_date])).toEqual([
      ["gpt-image-2", undefined],
      ["gpt-image-1", "2099-10-23"],
      ["gemini-3-pro-image", undefined],
    ]);
    const state = await readJson(await sim.handle(control("/_control")));
    expect(state.models).toEqual({
      preset: "custom",
      models: [
        { id: "gpt-image-2", api: "openai", shutdownDate: null, served: true },
        { id: "gpt-image-1", api: "openai", shutdownDate: "2099-10-23", served: true },
        { id: "gemini-3-pro-image", api: "gemini", shutdownDate: null, served: true },
      ],
    });
    expect(sim.models).toEqual((state.models as { models: unknown[] }).models);
  });

  it("refuses a listing with an id it has no spec for, an Ark id, a duplicate or a bad date", async () => {
    const sim = createSimulator();
    for (const body of [
      { models: [{ id: "gpt-image-9" }] },
      { models: [{ id: "doubao-seedream-4-0-250828" }] },
      { models: [{ id: "gpt-image-2" }, { id: "gpt-image-2" }] },
      { models: [{ id: "gpt-image-2", shutdownDate: "2026-13-01" }] },
      { models: [{ id: "gpt-image-2", shutdownDate: "2026-02-30" }] },
      { models: [{ id: "gpt-image-2", shutdownDate: "1 Dec 2026" }] },
      { models: [{ id: "gpt-image-2", extra: true }] },
      { preset: "yesterday" },
      { preset: "all", models: [] },
      {},
    ]) {
      const err = await expectOpenAIError(
        await sim.handle(control("/_control/models", body)),
        400,
        "invalid_control_request",
      );
      expect(err.message).toMatch(/^Invalid model listing/);
    }
    expect(() => sim.setModels([{ id: "gpt-image-9" }])).toThrow(/gpt-image-9/);
    expect(sim.models.map((m) => m.id)).toEqual([...TODAY_OPENAI, ...TODAY_GEMINI]);
  });

  it("lists nothing when given an empty list", async () => {
    const sim = createSimulator();
    sim.setModels([]);
    expect((await openaiList(sim)).data).toEqual([]);
    expect((await geminiList(sim)).models).toEqual([]);
  });

  it("comes back to today's listing on `preset: today`, and to the constructor's on reset", async () => {
    const sim = createSimulator();
    sim.setModels("all");
    await sim.handle(control("/_control/models", { preset: "today" }));
    expect(sim.models.map((m) => m.id)).toEqual([...TODAY_OPENAI, ...TODAY_GEMINI]);
    sim.setModels("all");
    expect((await sim.handle(control("/_control/reset", {}))).status).toBe(204);
    expect(sim.models.map((m) => m.id)).toEqual([...TODAY_OPENAI, ...TODAY_GEMINI]);
    const legacy = createSimulator({ models: [{ id: "dall-e-3" }] });
    legacy.setModels("today");
    legacy.reset();
    expect(legacy.models.map((m) => m.id)).toEqual(["dall-e-3"]);
  });

  it("starts a server with a given listing", async () => {
    const server = await startSimulatorServer({
      apiKey: KEY,
      models: [{ id: "gpt-image-1", shutdownDate: "2026-10-23" }],
    });
    try {
      const res = await fetch(`${server.origin}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(((await res.json()) as OpenAIList).data).toEqual([
        expect.objectContaining({ id: "gpt-image-1", shutdown_date: "2026-10-23" }),
      ]);
    } finally {
      await server.close();
    }
  });
});
