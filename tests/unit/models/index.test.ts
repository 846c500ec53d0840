import { describe, expect, it } from "vitest";
import {
  defaultFamily,
  describeModels,
  FAMILIES,
  FEATURE_TAGS,
  getFamily,
  getModel,
  matchFamily,
  MODELS,
  PROVIDER_IDS,
  type ModelCard,
} from "@/lib/models";
import { valueProblem } from "@/lib/validation";

/** Every card the registry can answer for a known id: the built-in members and their dated snapshots. */
const SNAPSHOT_CARDS: ModelCard[] = FAMILIES.flatMap((f) =>
  f.members.flatMap((m) => (m.snapshots ?? []).map((id) => getModel(id)!)),
);
const ALL_CARDS: ModelCard[] = [...MODELS, ...SNAPSHOT_CARDS];

/** Tags that describe what a model does with its inputs rather than a param it takes. */
const NON_PARAM_TAGS = ["oa_mask", "oa_multi_image", "gm_multi_image", "ark_multi_image"];

describe("capability registry", () => {
  const ids = (provider: string) =>
    MODELS.filter((m) => m.provider === provider)
      .map((m) => m.id)
      .sort();

  it("offers every known OpenAI-img member: the gpt-image-2 line and the four legacy models", () => {
    expect(ids("dmxapi_openai_img")).toEqual([
      "dall-e-3",
      "gpt-image-1",
      "gpt-image-1-mini",
      "gpt-image-1.5",
      "gpt-image-2",
      "gpt-image-2-03",
      "gpt-image-2-ssvip",
    ]);
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
  });

  it("offers the Gemini and Ark members, the -preview ids and the ones that replaced them", () => {
    expect(ids("dmxapi_gemini")).toEqual([
      "gemini-2.5-flash-image",
      "gemini-3-pro-image",
      "gemini-3-pro-image-preview",
      "gemini-3.1-flash-image",
      "gemini-3.1-flash-image-preview",
      "gemini-3.1-flash-lite-image",
    ]);
    expect(ids("ark")).toEqual([
      "doubao-seededit-3-0-i2i-250628",
      "doubao-seedream-3-0-t2i-250415",
      "doubao-seedream-4-0-250828",
      "doubao-seedream-4-5-251128",
      "doubao-seedream-5-0-260128",
    ]);
  });

  it("has one card per member, in family order, and no snapshot among them", () => {
    expect(MODELS.map((m) => m.id)).toEqual(FAMILIES.flatMap((f) => f.members.map((m) => m.id)));
    const snapshots = SNAPSHOT_CARDS.map((c) => c.id);
    expect(snapshots.sort()).toEqual(["gpt-image-1.5-2025-12-16", "gpt-image-2-2026-04-21"]);
    for (const id of snapshots) expect(MODELS.map((m) => m.id)).not.toContain(id);
  });

  it("lists the three providers", () => {
    expect(PROVIDER_IDS).toEqual(["dmxapi_openai_img", "dmxapi_gemini", "ark"]);
  });

  it("is plain JSON data", () => {
    expect(JSON.parse(JSON.stringify(MODELS))).toStrictEqual(MODELS);
    expect(JSON.parse(JSON.stringify(FAMILIES))).toStrictEqual(FAMILIES);
  });

  it("describeModels returns a copy the caller may change", () => {
    const described = describeModels();
    expect(described).toStrictEqual(MODELS);
    described[0].params.n = { type: "boolean", label: "x" };
    expect(getModel(described[0].id)?.params.n.type).toBe("int");
  });

  it("cannot be changed by a caller, derived cards included", () => {
    const card = getModel("gpt-image-1")!;
    expect(() => {
      (card.limits as { maxN: number }).maxN = 99;
    }).toThrow(TypeError);
    expect(getModel("gpt-image-1.5")?.limits.maxN).toBe(10);
    for (const id of ["gpt-image-2-2026-04-21", "gpt-image-2.6-flare"]) {
      const derived = getModel(id)!;
      expect(Object.isFrozen(derived) && Object.isFrozen(derived.params.n), id).toBe(true);
    }
    expect(Object.isFrozen(FAMILIES[0].members)).toBe(true);
  });

  it("keeps stream and user off every card; partial_images only on the gpt-image families", () => {
    for (const m of ALL_CARDS) for (const p of ["stream", "user"]) expect(m.params[p], `${m.id}.${p}`).toBeUndefined();
    const previews = ALL_CARDS.filter((m) => m.params.partial_images).map((m) => m.family);
    expect([...new Set(previews)]).toEqual(["gpt-image-2", "gpt-image-1"]);
    for (const m of ALL_CARDS) {
      const gptImage = m.family === "gpt-image-2" || m.family === "gpt-image-1";
      expect(m.featureTags.includes("oa_partial_images"), m.id).toBe(gptImage);
      if (gptImage)
        expect(m.params.partial_images, m.id).toEqual({
          type: "int",
          label: "Previews",
          description: expect.any(String),
          min: 0,
          max: 3,
          default: 0,
          featureTag: "oa_partial_images",
        });
    }
  });

  describe.each(ALL_CARDS.map((m) => [m.id, m] as const))("%s", (id, card) => {
    it("uses a known provider, known operations and known tags", () => {
      expect(PROVIDER_IDS).toContain(card.provider);
      expect(card.operations.length).toBeGreaterThan(0);
      for (const t of card.featureTags) expect(FEATURE_TAGS).toContain(t);
      expect(new Set(card.featureTags).size).toBe(card.featureTags.length);
    });

    it("belongs to a family of its provider, and is sent upstream under its own id", () => {
      const family = getFamily(card.family);
      expect(family?.provider).toBe(card.provider);
      expect(matchFamily(id)?.family.id).toBe(card.family);
      expect(card.upstreamId).toBe(id);
      expect(card.timeoutS).toBeUndefined();
      if (card.shutdownDate !== null) expect(card.shutdownDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const note of card.unconfirmed) expect(note).toMatch(/\S/);
      expect(card.unconfirmed.join(" ")).not.toContain("is not a known id");
      expect(card.latency.baseS).toBeGreaterThan(0);
      expect(card.latency.perImageS).toBeGreaterThan(0);
    });

    it("carries every param's feature tag on the card, and no tag without its param", () => {
      const carried = Object.values(card.params).flatMap((s) => (s.featureTag ? [s.featureTag] : []));
      for (const t of carried) expect(card.featureTags).toContain(t);
      for (const t of card.featureTags) if (!carried.includes(t)) expect(NON_PARAM_TAGS, t).toContain(t);
    });

    it("has defaults its own specs accept", () => {
      for (const [name, spec] of Object.entries(card.params)) {
        if (spec.default !== undefined) expect(valueProblem(spec, spec.default), name).toBeNull();
        if (spec.alwaysSend) expect(spec.default, `${name} is always sent, so it needs a default`).toBeDefined();
      }
    });

    it("scopes params to operations the model has", () => {
      for (const spec of Object.values(card.params))
        for (const op of spec.operations ?? []) expect(card.operations).toContain(op);
    });

    it("has rules about params it has", () => {
      for (const r of card.rules) {
        expect(card.params[r.param]).toBeDefined();
        expect(card.params[r.when.param]).toBeDefined();
      }
    });

    it("has limits that agree with its params", () => {
      // The count param: `n`, or the card's `imageCount.param` (Ark's max_images); none = one image.
      const count = card.params[card.imageCount?.param ?? "n"];
      expect(count === undefined ? 1 : count.type === "int" && count.max).toBe(card.limits.maxN);
      expect(card.limits.maxImages === 0).toBe(!card.operations.includes("edit"));
      if (card.provider === "dmxapi_openai_img")
        expect(card.featureTags.includes("oa_mask")).toBe(card.operations.includes("edit"));
      if (card.limits.maxTotalImages !== undefined)
        expect(card.limits.maxTotalImages).toBeGreaterThanOrEqual(card.limits.maxImages);
    });

    it("carries only its own provider's feature tags", () => {
      const prefix = { dmxapi_openai_img: "oa_", dmxapi_gemini: "gm_", ark: "ark_" }[card.provider];
      for (const t of card.featureTags) expect(t.startsWith(prefix), t).toBe(true);
    });

    it("gives every param a label and a description", () => {
      if (card.provider === "dmxapi_openai_img") return; // the OpenAI cards predate this rule
      for (const [name, spec] of Object.entries(card.params)) {
        expect(spec.label, name).toMatch(/\S/);
        expect(spec.description, name).toMatch(/\S/);
      }
    });

    it("counts images with an int param of its own", () => {
      const ic = card.imageCount;
      if (!ic) return;
      expect(card.params[ic.param]?.type).toBe("int");
      if (ic.when) expect(card.params[ic.when.param]).toBeDefined();
    });
  });
});

describe("families", () => {
  it("have unique ids, members and snapshots across the registry", () => {
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length);
    const known = FAMILIES.flatMap((f) => f.members.flatMap((m) => [m.id, ...(m.snapshots ?? [])]));
    expect(new Set(known).size).toBe(known.length);
  });

  it("have exactly one default: gpt-image-2, which defaultFamily() answers", () => {
    expect(FAMILIES.filter((f) => f.default).map((f) => f.id)).toEqual(["gpt-image-2"]);
    expect(defaultFamily().id).toBe("gpt-image-2");
  });

  it("name a successor that exists, is another family of the same provider, and never leads back", () => {
    const withSuccessor = FAMILIES.filter((f) => f.successor);
    expect(Object.fromEntries(withSuccessor.map((f) => [f.id, f.successor]))).toEqual({
      "gpt-image-1": "gpt-image-2",
      "dall-e-3": "gpt-image-2",
      "gemini-2.5-flash-image": "gemini-3.1-flash-image",
      "seedream-4": "seedream-5",
      "seedream-3": "seedream-4",
    });
    for (const f of withSuccessor) {
      const next = getFamily(f.successor!);
      expect(next, f.id).toBeDefined();
      expect(next!.id).not.toBe(f.id);
      expect(next!.provider).toBe(f.provider);
      const seen = new Set([f.id]);
      for (let at = next; at; at = at.successor ? getFamily(at.successor) : undefined) {
        expect(seen.has(at.id), `${f.id} → … → ${at.id}`).toBe(false);
        seen.add(at.id);
      }
    }
  });

  describe.each(FAMILIES.filter((f) => f.idPattern).map((f) => [f.id, f] as const))("%s's idPattern", (_id, f) => {
    const re = new RegExp(f.idPattern!);

    it("is anchored and recognises the family's own ids", () => {
      expect(f.idPattern!.startsWith("^") && f.idPattern!.endsWith("$")).toBe(true);
      for (const m of f.members) for (const id of [m.id, ...(m.snapshots ?? [])]) expect(re.test(id), id).toBe(true);
    });

    it("matches none of another family's member ids or snapshots", () => {
      for (const other of FAMILIES.filter((o) => o.id !== f.id))
        for (const m of other.members)
          for (const id of [m.id, ...(m.snapshots ?? [])]) expect(re.test(id), `${id} (${other.id})`).toBe(false);
    });
  });
});

describe("getModel / matchFamily", () => {
  it("finds built-in cards by id and nothing else", () => {
    expect(getModel("gpt-image-1")?.label).toBe("GPT Image 1");
    expect(getModel("gpt-image-1")).toBe(MODELS.find((m) => m.id === "gpt-image-1"));
    for (const id of [
      "dall-e-2",
      "",
      "gpt-image",
      "GPT-IMAGE-2",
      "gpt-image-3",
      "gemini-2.0-flash",
      "doubao-seedream-4-0",
    ])
      expect(getModel(id), id).toBeUndefined();
    expect(matchFamily("dall-e-2")).toBeUndefined();
  });

  it("gives a dated snapshot its member's card under its own id", () => {
    const snap = getModel("gpt-image-2-2026-04-21")!;
    const member = getModel("gpt-image-2")!;
    expect(snap).toMatchObject({
      id: "gpt-image-2-2026-04-21",
      upstreamId: "gpt-image-2-2026-04-21",
      label: "GPT Image 2 (gpt-image-2-2026-04-21)",
      family: "gpt-image-2",
    });
    const { id: _a, label: _b, upstreamId: _c, ...same } = snap;
    const { id: _d, label: _e, upstreamId: _f, ...memberRest } = member;
    expect(same).toEqual(memberRest);
    expect(getModel("gpt-image-1.5-2025-12-16")).toMatchObject({
      family: "gpt-image-1",
      shutdownDate: "2026-12-01",
      unconfirmed: getModel("gpt-image-1.5")!.unconfirmed,
    });
    expect(matchFamily("gpt-image-1.5-2025-12-16")?.member?.id).toBe("gpt-image-1.5");
  });

  it.each([
    ["gpt-image-2.6-flare", "gpt-image-2"],
    ["gpt-image-2.5-sunburst", "gpt-image-2"],
    ["gpt-image-2-2027-01-01", "gpt-image-2"],
    ["chatgpt-image-latest", "gpt-image-1"],
    ["gpt-image-1.5-2026-03-01", "gpt-image-1"],
    ["gemini-3.5-pro-image", "gemini-3-pro-image"],
    ["gemini-3.2-flash-image-preview", "gemini-3.1-flash-image"],
    ["doubao-seedream-5-0-pro-260628", "seedream-5"],
    ["doubao-seedream-4-2-260101", "seedream-4"],
  ])("gives the pattern-only id %s its family's (%s) card and an 'unconfirmed' note", (id, familyId) => {
    const family = getFamily(familyId)!;
    const card = getModel(id)!;
    expect(matchFamily(id)).toEqual({ family });
    expect(card).toMatchObject({
      id,
      upstreamId: id,
      family: familyId,
      provider: family.provider,
      label: `${family.label} (${id})`,
      shutdownDate: null,
    });
    expect(Object.keys(card.params)).toEqual(Object.keys(family.params));
    expect(card.unconfirmed).toEqual([
      ...(family.unconfirmed ?? []),
      `${id} is not a known id: the ${family.label} family's rules are assumed`,
    ]);
  });

  it("matches each pattern-only id to exactly one family", () => {
    for (const id of [
      "gpt-image-2.6-flare",
      "chatgpt-image-latest",
      "gemini-3.5-pro-image",
      "doubao-seedream-5-0-pro-260628",
    ]) {
      const hits = FAMILIES.filter((f) => f.idPattern && new RegExp(f.idPattern).test(id));
      expect(hits.length, id).toBe(1);
    }
  });
});
