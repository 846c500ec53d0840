import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Availability, CatalogModel, ProviderSummary } from "@/lib/contracts/models";
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
const row = (id: string, availability: Availability = "available", replacements: string[] = []): CatalogModel => ({
  ...card(id),
  availability,
  source: "builtin",
  replacements,
});
const openai: ProviderSummary = {
  id: "dmxapi_openai_img",
  label: "OpenAI",
  configured: true,
  simulated: true,
  available: true,
  catalog: { refreshedAt: null, ok: true, error: null },
};
const gpt1 = card("gpt-image-1");
const gpt2 = card("gpt-image-2");
const dalle = card("dall-e-3");
const catalog: ModelsCatalog = {
  providers: [openai],
  models: [row("gpt-image-1"), row("dall-e-3"), row("gpt-image-2")],
  defaultModel: "gpt-image-1",
};
/** The same studio a month later: the gateway retired gpt-image-1 and dall-e-3. */
const retired: ModelsCatalog = {
  ...catalog,
  models: [
    row("gpt-image-1", "unavailable", ["gpt-image-2"]),
    row("dall-e-3", "unavailable", ["gpt-image-2"]),
    row("gpt-image-2"),
  ],
  defaultModel: "gpt-image-2",
};

let usePanel: typeof UsePanel;
beforeAll(async () => {
  ({ usePanel } = await import("@/lib/stores/panel"));
});
beforeEach(() => {
  backing.clear();
  usePanel.setState({
    modelId: null,
    operation: "generate",
    values: {},
    remembered: {},
    inputs: [],
    projectId: null,
    notice: null,
  });
});
const saved = () => (JSON.parse(backing.get("atelier-panel") ?? "{}") as { state: Record<string, unknown> }).state;

describe("panel store", () => {
  it("starts on the catalog's default model with nothing chosen", () => {
    usePanel.getState().init(catalog);
    expect(usePanel.getState()).toMatchObject({
      modelId: "gpt-image-1",
      operation: "generate",
      values: {},
      notice: null,
    });
    usePanel.getState().init({ ...catalog, defaultModel: "gpt-image-2" });
    expect(usePanel.getState().modelId).toBe("gpt-image-1"); // a remembered usable model stays
  });

  it("switching models loads that model's own values, and switching back restores the first's", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().setParam(gpt1, "quality", "high");
    usePanel.getState().setParam(gpt1, "background", "transparent");
    usePanel.getState().selectModel(dalle);
    expect(usePanel.getState()).toMatchObject({ modelId: "dall-e-3", values: {} });
    usePanel.getState().setParam(dalle, "style", "natural");
    usePanel.getState().selectModel(gpt1);
    expect(usePanel.getState().values).toEqual({ quality: "high", background: "transparent" });
    usePanel.getState().selectModel(dalle);
    expect(usePanel.getState().values).toEqual({ style: "natural" });
  });

  it("persists the model and each model's chosen params, not inputs or notice (prompts: per project, below)", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().setParam(gpt1, "n", 3);
    usePanel.getState().setPrompt("a draft outside any project");
    expect(saved()).toEqual({ modelId: "gpt-image-1", remembered: { "gpt-image-1": { n: 3 } }, drafts: {} });
    usePanel.getState().setParam(gpt1, "n", undefined);
    expect(saved()).toEqual({ modelId: "gpt-image-1", remembered: { "gpt-image-1": {} }, drafts: {} });
  });

  it("a remembered model the gateway retired moves to its replacement, with a notice until dismissed", () => {
    usePanel.setState({ modelId: "gpt-image-1", remembered: { "gpt-image-2": { quality: "low" } } });
    usePanel.getState().init(retired);
    expect(usePanel.getState()).toMatchObject({
      modelId: "gpt-image-2",
      values: { quality: "low" },
      notice: { from: "gpt-image-1", to: "gpt-image-2" },
    });
    expect(saved()).toMatchObject({ modelId: "gpt-image-2" });
    usePanel.getState().dismissNotice();
    expect(usePanel.getState().notice).toBeNull();
    usePanel.getState().init(retired); // already moved: no second notice
    expect(usePanel.getState().notice).toBeNull();
  });

  it("choosing a model clears the notice", () => {
    usePanel.setState({ modelId: "dall-e-3" });
    usePanel.getState().init(retired);
    expect(usePanel.getState().notice).toEqual({ from: "dall-e-3", to: "gpt-image-2" });
    usePanel.getState().selectModel(gpt2);
    expect(usePanel.getState().notice).toBeNull();
  });

  it("no memory, or a model that is only unknown: the default, without a notice", () => {
    usePanel.getState().init(retired);
    expect(usePanel.getState()).toMatchObject({ modelId: "gpt-image-2", notice: null });
    usePanel.setState({ modelId: "no-such-model" });
    usePanel.getState().init(retired);
    expect(usePanel.getState()).toMatchObject({ modelId: "gpt-image-2", notice: null });
  });

  it("an empty catalog changes nothing", () => {
    usePanel.setState({ modelId: "gpt-image-1", values: { n: 2 } });
    usePanel.getState().init({ providers: [openai], models: [], defaultModel: null });
    expect(usePanel.getState()).toMatchObject({ modelId: "gpt-image-1", values: { n: 2 }, notice: null });
  });

  it("a model that cannot edit falls back to generate", () => {
    usePanel.getState().init(catalog);
    usePanel.getState().setOperation(gpt1, "edit");
    expect(usePanel.getState().operation).toBe("edit");
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

  it("'use as edit input' skips retired models and refuses when none can edit", () => {
    usePanel.getState().init(retired);
    usePanel.getState().selectModel(dalle);
    const r = usePanel.getState().addInputs(retired, [{ id: "ast_1", thumbUrl: "/t" }]);
    expect(r).toEqual({ ok: true, switchedTo: "gpt-image-2", dropped: 0 });
    const onlyDalle: ModelsCatalog = { ...catalog, models: [row("dall-e-3")], defaultModel: "dall-e-3" };
    expect(usePanel.getState().addInputs(onlyDalle, [{ id: "ast_2", thumbUrl: "/t" }])).toEqual({ ok: false });
  });

  it("opening another project clears the edit inputs", () => {
    usePanel.getState().openProject("prj_a");
    usePanel.getState().init(catalog);
    usePanel.getState().addInputs(catalog, [{ id: "ast_1", thumbUrl: "/t" }]);
    usePanel.getState().openProject("prj_b");
    expect(usePanel.getState()).toMatchObject({ inputs: [], operation: "generate" });
  });

  it("keeps each project's prompt draft, persisted, and brings it back when the project opens again", () => {
    usePanel.getState().openProject("prj_a");
    usePanel.getState().setPrompt("a mug on oak");
    usePanel.getState().openProject("prj_b");
    expect(usePanel.getState().prompt).toBe("");
    usePanel.getState().setPrompt("a teapot");
    usePanel.getState().openProject("prj_a");
    expect(usePanel.getState().prompt).toBe("a mug on oak");
    const saved = JSON.parse(localStorage.getItem("atelier-panel")!) as { state: { drafts: Record<string, string> } };
    expect(saved.state.drafts).toMatchObject({ prj_a: "a mug on oak", prj_b: "a teapot" });
    // Cleared, it is forgotten.
    usePanel.getState().setPrompt("  ");
    expect(usePanel.getState().drafts.prj_a).toBeUndefined();
  });
});
