import { describe, expect, it } from "vitest";
import { buildGenerationBody } from "@/lib/contracts/generation-body";
import type { Availability, CatalogModel, ProviderSummary } from "@/lib/contracts/models";
import { getModel, type ModelCard } from "@/lib/models";
import {
  buildRequest,
  canEdit,
  draftIssues,
  groupModels,
  isAvailable,
  issuesByPath,
  mergeInputs,
  operationFor,
  pickEditModel,
  pickModel,
  replacementFor,
  valuesFor,
  withParam,
  type ModelsCatalog,
  type PanelDraft,
} from "@/lib/stores/panel-logic";

const card = (id: string) => getModel(id) as ModelCard;
const gpt1 = card("gpt-image-1");
const dalle = card("dall-e-3");
const mini = card("gpt-image-1-mini");

/** A `GET /api/models` row: a card with the catalog's availability and replacements. */
const row = (c: ModelCard, availability: Availability = "available", replacements: string[] = []): CatalogModel => ({
  ...c,
  availability,
  source: "builtin",
  replacements,
});
const provider = (id: ProviderSummary["id"], available: boolean): ProviderSummary => ({
  id,
  label: id,
  configured: available,
  simulated: true,
  available,
  catalog: { refreshedAt: null, ok: true, error: null },
});

const seedream = row({ ...card("doubao-seedream-4-0-250828"), id: "seedream-x", label: "Seedream" });
const catalog: ModelsCatalog = {
  providers: [provider("dmxapi_openai_img", true), provider("dmxapi_gemini", true), provider("ark", false)],
  models: [
    row(dalle, "unavailable", ["gpt-image-2"]),
    row(gpt1, "unavailable", ["gpt-image-1-mini", "gpt-image-2"]),
    row(mini, "deprecated"),
    row(card("gpt-image-2")),
    row(card("gpt-image-2-ssvip"), "unknown"),
    seedream,
  ],
  defaultModel: "gpt-image-2",
};

const draft = (over: Partial<PanelDraft> = {}): PanelDraft => ({
  card: mini,
  operation: "generate",
  prompt: "a mug",
  values: valuesFor(mini, "generate", undefined),
  inputAssetIds: [],
  ...over,
});

describe("model choice", () => {
  it("groups models by provider, then family, in catalog order; providers without models are left out", () => {
    const groups = groupModels(catalog);
    expect(groups.map((g) => [g.provider.id, g.families.map((f) => [f.family, f.models.map((m) => m.id)])])).toEqual([
      [
        "dmxapi_openai_img",
        [
          ["dall-e-3", ["dall-e-3"]],
          ["gpt-image-1", ["gpt-image-1", "gpt-image-1-mini"]],
          ["gpt-image-2", ["gpt-image-2", "gpt-image-2-ssvip"]],
        ],
      ],
      ["ark", [["seedream-4", ["seedream-x"]]]],
    ]);
  });

  it("a model is usable while its provider is and the gateway has not said it is gone", () => {
    const usable = catalog.models.filter((m) => isAvailable(catalog, m)).map((m) => m.id);
    expect(usable).toEqual(["gpt-image-1-mini", "gpt-image-2", "gpt-image-2-ssvip"]);
  });

  it("keeps a remembered usable model, deprecated or unknown alike", () => {
    for (const id of ["gpt-image-1-mini", "gpt-image-2-ssvip", "gpt-image-2"]) {
      const picked = pickModel(catalog, id);
      expect(picked?.id).toBe(id);
      expect(picked).not.toHaveProperty("movedFrom");
    }
  });

  it("moves a remembered retired model to its first usable replacement, and says so", () => {
    expect(pickModel(catalog, "gpt-image-1")).toMatchObject({ id: "gpt-image-1-mini", movedFrom: "gpt-image-1" });
    expect(pickModel(catalog, "dall-e-3")).toMatchObject({ id: "gpt-image-2", movedFrom: "dall-e-3" });
  });

  it("a retired model without a usable replacement moves to the catalog's default", () => {
    const c = { ...catalog, models: [row(dalle, "unavailable", ["gpt-image-1"]), ...catalog.models.slice(1)] };
    expect(pickModel(c, "dall-e-3")).toMatchObject({ id: "gpt-image-2", movedFrom: "dall-e-3" });
  });

  it("without memory, or with a model that is merely unreachable or unknown, opens the default silently", () => {
    for (const remembered of [null, "seedream-x", "no-such-model"]) {
      const picked = pickModel(catalog, remembered);
      expect(picked?.id, String(remembered)).toBe("gpt-image-2");
      expect(picked).not.toHaveProperty("movedFrom");
    }
  });

  it("falls back to the first usable model when the default is missing or unreachable", () => {
    expect(pickModel({ ...catalog, defaultModel: null }, null)?.id).toBe("gpt-image-1-mini");
    expect(pickModel({ ...catalog, defaultModel: "seedream-x" }, null)?.id).toBe("gpt-image-1-mini");
    // A retired default moves to its own replacement.
    expect(pickModel({ ...catalog, defaultModel: "dall-e-3" }, null)?.id).toBe("gpt-image-2");
    expect(pickModel({ ...catalog, models: [], defaultModel: null }, "gpt-image-2")).toBeUndefined();
  });

  it("replacementFor: the first usable replacement, else the default, else the first usable model", () => {
    expect(replacementFor(catalog, "gpt-image-1")?.id).toBe("gpt-image-1-mini");
    expect(replacementFor(catalog, "gpt-image-2")?.id).toBe("gpt-image-2"); // no replacements: the default
    expect(replacementFor(catalog, "unknown")?.id).toBe("gpt-image-2");
    expect(replacementFor({ ...catalog, defaultModel: "seedream-x" }, "unknown")?.id).toBe("gpt-image-1-mini");
  });

  it("moves to a model that can edit only when the current one cannot", () => {
    expect(canEdit(dalle)).toBe(false);
    expect(canEdit(card("doubao-seedream-3-0-t2i-250415"))).toBe(false);
    expect(canEdit(card("doubao-seededit-3-0-i2i-250628"))).toBe(true);
    expect(pickEditModel(catalog, "dall-e-3")?.id).toBe("gpt-image-1-mini");
    expect(pickEditModel(catalog, "gpt-image-2")?.id).toBe("gpt-image-2");
    expect(pickEditModel(catalog, "gpt-image-1")?.id).toBe("gpt-image-1-mini"); // retired: not offered
  });

  it("keeps the operation when the new model has it", () => {
    expect(operationFor(gpt1, "edit")).toBe("edit");
    expect(operationFor(dalle, "edit")).toBe("generate");
    expect(operationFor(card("doubao-seededit-3-0-i2i-250628"), "generate")).toBe("edit");
  });
});

describe("values (only what the user chose; the panel shows defaults for the rest)", () => {
  it("start empty: nothing is chosen for a model never used", () => {
    expect(valuesFor(gpt1, "generate", undefined)).toEqual({});
    expect(valuesFor(gpt1, "edit", {})).toEqual({}); // no input_fidelity injected (§J.3)
  });

  it("never carry a param the model rejects, nor a value it does not offer", () => {
    const remembered = { n: 4, background: "transparent", quality: "high", style: "natural" };
    expect(valuesFor(dalle, "generate", remembered)).toEqual({ style: "natural" });
  });

  it("drop params of the other operation and values a rule locks", () => {
    expect(valuesFor(gpt1, "edit", { moderation: "low", quality: "low" })).toEqual({ quality: "low" });
    expect(valuesFor(gpt1, "generate", { output_compression: 40 })).toEqual({});
    expect(valuesFor(gpt1, "generate", { output_compression: 40, output_format: "webp" })).toEqual({
      output_compression: 40,
      output_format: "webp",
    });
  });

  it("clear a value with undefined or an empty string", () => {
    expect(withParam({ n: 2, size: "auto" }, "n", undefined)).toEqual({ size: "auto" });
    expect(withParam({ n: 2 }, "n", "")).toEqual({});
    expect(withParam({}, "n", 3)).toEqual({ n: 3 });
    const before = { n: 2 };
    withParam(before, "n", 5);
    expect(before).toEqual({ n: 2 });
  });
});

describe("what is sent", () => {
  it("is the shared generation body builder", () => {
    expect(buildRequest).toBe(buildGenerationBody);
  });

  it("sends only the chosen values, minus one a rule locks (compression with png), kept with jpeg", () => {
    expect(buildRequest(draft()).params).toEqual({});
    expect(buildRequest(draft({ values: { output_format: "png", output_compression: 80 } })).params).toEqual({
      output_format: "png",
    });
    expect(buildRequest(draft({ values: { output_format: "jpeg", output_compression: 80 } })).params).toEqual({
      output_format: "jpeg",
      output_compression: 80,
    });
  });

  it("sends input images only for edit", () => {
    expect(buildRequest(draft({ inputAssetIds: ["ast_1"] }))).not.toHaveProperty("inputAssetIds");
    expect(buildRequest(draft({ operation: "edit", inputAssetIds: ["ast_1"] })).inputAssetIds).toEqual(["ast_1"]);
  });
});

describe("draftIssues (the server's schema in the browser)", () => {
  it("accepts a draft with nothing chosen", () => {
    expect(draftIssues(draft())).toEqual([]);
  });

  it("checks against the draft's own card, one the registry may not know (an admin alias)", () => {
    const alias = { ...mini, id: "house-model", upstreamId: "gpt-image-1-mini" };
    expect(draftIssues(draft({ card: alias, values: { n: 2 } }))).toEqual([]);
    expect(issuesByPath(draftIssues(draft({ card: alias, values: { n: 11 } })))).toHaveProperty("params.n");
  });

  it("reports a value out of range at the server's path", () => {
    expect(issuesByPath(draftIssues(draft({ values: { n: 15 } })))).toEqual({
      "params.n": "must be an integer between 1 and 10",
    });
    expect(issuesByPath(draftIssues(draft({ card: card("gpt-image-2-03"), values: { n: 2 } })))).toEqual({
      "params.n": "must be 1",
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
