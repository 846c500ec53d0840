import { describe, expect, it } from "vitest";
import { getModel, type ModelCard } from "@/lib/models";
import {
  buildRequest,
  canEdit,
  draftIssues,
  groupModels,
  issuesByPath,
  mergeInputs,
  pickEditModel,
  pickModel,
  submittableParams,
  valuesFor,
  withParam,
  type ModelsCatalog,
  type PanelDraft,
} from "@/lib/stores/panel-logic";

const card = (id: string) => getModel(id) as ModelCard;
const gpt1 = card("gpt-image-1");
const dalle = card("dall-e-3");
const mini = card("gpt-image-1-mini");

const catalog: ModelsCatalog = {
  providers: [
    { id: "dmxapi_openai_img", label: "OpenAI", configured: true, simulated: true, available: true },
    { id: "ark", label: "Ark", configured: false, simulated: false, available: false },
  ],
  models: [dalle, gpt1, mini, { ...mini, id: "seedream-x", provider: "ark", label: "Seedream" }],
};

const draft = (over: Partial<PanelDraft> = {}): PanelDraft => ({
  card: gpt1,
  operation: "generate",
  prompt: "a mug",
  values: valuesFor(gpt1, "generate", undefined),
  inputAssetIds: [],
  ...over,
});

describe("model choice", () => {
  it("groups models by provider in the providers' order", () => {
    const groups = groupModels(catalog);
    expect(groups.map((g) => [g.provider.id, g.models.map((m) => m.id)])).toEqual([
      ["dmxapi_openai_img", ["dall-e-3", "gpt-image-1", "gpt-image-1-mini"]],
      ["ark", ["seedream-x"]],
    ]);
  });

  it("keeps the remembered model when usable, else the first usable one", () => {
    expect(pickModel(catalog, "gpt-image-1-mini")?.id).toBe("gpt-image-1-mini");
    expect(pickModel(catalog, "seedream-x")?.id).toBe("dall-e-3");
    expect(pickModel(catalog, null)?.id).toBe("dall-e-3");
  });

  it("moves to a model that can edit only when the current one cannot", () => {
    expect(canEdit(dalle)).toBe(false);
    expect(pickEditModel(catalog, "dall-e-3")?.id).toBe("gpt-image-1");
    expect(pickEditModel(catalog, "gpt-image-1-mini")?.id).toBe("gpt-image-1-mini");
  });
});

describe("values", () => {
  it("starts from the card's defaults, without a locked default", () => {
    const v = valuesFor(gpt1, "generate", undefined);
    expect(v).toMatchObject({ n: 1, size: "auto", quality: "auto", output_format: "png" });
    expect(v).not.toHaveProperty("output_compression");
  });

  it("never carries a param the model rejects, nor a value it does not offer", () => {
    const remembered = { n: 4, background: "transparent", quality: "high", style: "vivid" };
    const v = valuesFor(dalle, "generate", remembered);
    expect(v).not.toHaveProperty("background");
    expect(v.n).toBe(1);
    expect(v.quality).toBe("standard");
    expect(v.style).toBe("vivid");
  });

  it("drops params of the other operation", () => {
    expect(valuesFor(gpt1, "edit", { moderation: "low" })).not.toHaveProperty("moderation");
    expect(valuesFor(gpt1, "edit", {})).toHaveProperty("input_fidelity", "low");
  });

  it("clears a value with undefined or an empty string", () => {
    expect(withParam({ n: 2, size: "auto" }, "n", undefined)).toEqual({ size: "auto" });
    expect(withParam({ n: 2 }, "n", "")).toEqual({});
    expect(withParam({}, "n", 3)).toEqual({ n: 3 });
  });
});

describe("what is sent", () => {
  it("leaves out a param a rule locks (compression with png) and keeps it with jpeg", () => {
    expect(submittableParams(gpt1, "generate", { output_format: "png", output_compression: 80 })).not.toHaveProperty(
      "output_compression",
    );
    expect(submittableParams(gpt1, "generate", { output_format: "jpeg", output_compression: 80 })).toMatchObject({
      output_compression: 80,
    });
  });

  it("sends input images only for edit", () => {
    expect(buildRequest(draft({ inputAssetIds: ["ast_1"] }))).not.toHaveProperty("inputAssetIds");
    expect(buildRequest(draft({ operation: "edit", inputAssetIds: ["ast_1"] })).inputAssetIds).toEqual(["ast_1"]);
  });
});

describe("draftIssues (the server's schema in the browser)", () => {
  it("accepts the defaults", () => {
    expect(draftIssues(draft())).toEqual([]);
  });

  it("reports a value out of range at the server's path", () => {
    expect(issuesByPath(draftIssues(draft({ values: { n: 15 } })))).toEqual({
      "params.n": "must be an integer between 1 and 10",
    });
  });

  it("reports transparent with jpeg on the background", () => {
    const issues = issuesByPath(draftIssues(draft({ values: { background: "transparent", output_format: "jpeg" } })));
    expect(Object.keys(issues)).toEqual(["params.background"]);
  });

  it("still checks the params while the prompt is empty", () => {
    expect(issuesByPath(draftIssues(draft({ prompt: "  ", values: { n: 0 } })))).toHaveProperty("params.n");
    expect(draftIssues(draft({ prompt: "" }))).toEqual([]);
  });

  it("reports a prompt over the model's limit and an edit without images", () => {
    expect(issuesByPath(draftIssues(draft({ card: dalle, values: {}, prompt: "x".repeat(4001) })))).toHaveProperty(
      "prompt",
    );
    expect(issuesByPath(draftIssues(draft({ operation: "edit", values: {} })))).toHaveProperty("inputAssetIds");
  });
});

describe("mergeInputs", () => {
  it("dedupes and caps at the model's maximum, oldest kept", () => {
    const r = mergeInputs([{ id: "a" }], [{ id: "a" }, { id: "b" }, { id: "c" }], 2);
    expect(r.inputs.map((i) => i.id)).toEqual(["a", "b"]);
    expect(r.dropped).toBe(1);
  });
});
