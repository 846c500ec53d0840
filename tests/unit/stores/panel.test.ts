import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getModel, type ModelCard } from "@/lib/models";
import type { usePanel as UsePanel } from "@/lib/stores/panel";
import type { ModelsCatalog } from "@/lib/stores/panel-logic";

/** A Map-backed localStorage: the store persists through it as it does in the browser. */
const backing = new Map<string, string>();
vi.stubGlobal("localStorage", {
  getItem: (k: string) => backing.get(k) ?? null,
  setItem: (k: string, v: string) => void backing.set(k, v),
  removeItem: (k: string) => void backing.delete(k),
});

const card = (id: string) => getModel(id) as ModelCard;
const gpt1 = card("gpt-image-1");
const dalle = card("dall-e-3");
const catalog: ModelsCatalog = {
  providers: [{ id: "dmxapi_openai_img", label: "OpenAI", configured: true, simulated: true, available: true }],
  models: [gpt1, dalle],
};

let usePanel: typeof UsePanel;
beforeAll(async () => {
  ({ usePanel } = await import("@/lib/stores/panel"));
});
beforeEach(() => {
  backing.clear();
  usePanel.setState({ modelId: null, operation: "generate", values: {}, remembered: {}, inputs: [], projectId: null });
});

describe("panel store", () => {
  it("starts on the first usable model with its defaults", () => {
    usePanel.getState().init(catalog);
    expect(usePanel.getState()).toMatchObject({
      modelId: "gpt-image-1",
      operation: "generate",
      values: { n: 1, output_format: "png" },
    });
  });

  it("switching models loads that model's own values, and switching back restores the first's", () => {
    const s = usePanel.getState();
    s.init(catalog);
    usePanel.getState().setParam(gpt1, "quality", "high");
    usePanel.getState().selectModel(dalle);
    expect(usePanel.getState().values).toMatchObject({ quality: "standard", style: "vivid" });
    expect(usePanel.getState().values).not.toHaveProperty("background");
    usePanel.getState().selectModel(gpt1);
    expect(usePanel.getState().values.quality).toBe("high");
  });

  it("persists the model and each model's last params, not the prompt or inputs", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().setParam(gpt1, "n", 3);
    usePanel.getState().setPrompt("secret draft");
    const saved = JSON.parse(backing.get("atelier-panel") ?? "{}") as { state: Record<string, unknown> };
    expect(saved.state).toEqual({
      modelId: "gpt-image-1",
      remembered: { "gpt-image-1": expect.objectContaining({ n: 3 }) },
    });
  });

  it("a model that cannot edit falls back to generate", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().setOperation(gpt1, "edit");
    usePanel.getState().selectModel(dalle);
    expect(usePanel.getState().operation).toBe("generate");
  });

  it("'use as edit input' switches to edit on a model that can", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().selectModel(dalle);
    const r = usePanel.getState().addInputs(catalog, [{ id: "ast_1", thumbUrl: "/t" }]);
    expect(r).toEqual({ ok: true, switchedTo: "gpt-image-1", dropped: 0 });
    expect(usePanel.getState()).toMatchObject({ modelId: "gpt-image-1", operation: "edit", inputs: [{ id: "ast_1" }] });
    usePanel.getState().dropInputs(["ast_1"]);
    expect(usePanel.getState().inputs).toEqual([]);
  });

  it("opening another project clears the edit inputs", () => {
    usePanel.getState().openProject("prj_a");
    usePanel.getState().init(catalog);
    usePanel.getState().addInputs(catalog, [{ id: "ast_1", thumbUrl: "/t" }]);
    usePanel.getState().openProject("prj_b");
    expect(usePanel.getState()).toMatchObject({ inputs: [], operation: "generate" });
  });
});
