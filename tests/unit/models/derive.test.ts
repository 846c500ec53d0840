import { describe, expect, it } from "vitest";
import { deriveCard, getFamily, getModel, type ModelFamily, type ParamSpec } from "@/lib/models";

/** A family written for these tests, so each override is visible next to what it overrides. */
const n: ParamSpec = { type: "int", label: "Images", min: 1, max: 8, default: 1 };
const FAMILY: ModelFamily = {
  id: "test-family",
  label: "Test Family",
  provider: "dmxapi_openai_img",
  operations: ["generate", "edit"],
  featureTags: ["oa_output_format", "oa_output_compression", "oa_input_fidelity", "oa_moderation", "oa_mask"],
  params: {
    n,
    output_format: {
      type: "enum",
      label: "Format",
      values: ["png", "jpeg"],
      default: "png",
      featureTag: "oa_output_format",
    },
    output_compression: {
      type: "int",
      label: "Compression",
      min: 0,
      max: 100,
      default: 100,
      featureTag: "oa_output_compression",
    },
    input_fidelity: {
      type: "enum",
      label: "Fidelity",
      values: ["low", "high"],
      default: "low",
      operations: ["edit"],
      featureTag: "oa_input_fidelity",
    },
    // Two params share one tag: removing one keeps it.
    moderation: {
      type: "enum",
      label: "Moderation",
      values: ["auto", "low"],
      default: "auto",
      featureTag: "oa_moderation",
    },
    moderation_level: { type: "int", label: "Level", min: 0, max: 3, featureTag: "oa_moderation" },
  },
  limits: { maxImages: 16, maxN: 8, maxPromptChars: 1000 },
  rules: [
    {
      kind: "requires",
      param: "output_compression",
      when: { param: "output_format", in: ["jpeg"] },
      message: "compression needs jpeg",
    },
  ],
  wire: { flag: true },
  latency: { baseS: 10, perImageS: 20 },
  unconfirmed: ["a family-wide doubt"],
  members: [
    { id: "test-a", label: "Test A", snapshots: ["test-a-2026-01-01"], shutdownDate: "2027-01-01" },
    {
      id: "test-b",
      label: "Test B",
      removeParams: ["input_fidelity", "output_compression", "moderation_level"],
      params: { n: { ...n, max: 1 } },
      limits: { maxN: 1 },
      unconfirmed: ["a doubt about B"],
    },
  ],
  idPattern: "^test-[a-z]+$",
};
const [A, B] = FAMILY.members;

describe("deriveCard", () => {
  it("gives a member the family's rules under its own id", () => {
    const card = deriveCard({ family: FAMILY, member: A, id: "test-a" });
    expect(card).toEqual({
      id: "test-a",
      label: "Test A",
      family: "test-family",
      familyLabel: "Test Family",
      upstreamId: "test-a",
      provider: "dmxapi_openai_img",
      operations: ["generate", "edit"],
      featureTags: FAMILY.featureTags,
      params: FAMILY.params,
      limits: FAMILY.limits,
      rules: FAMILY.rules,
      latency: FAMILY.latency,
      wire: { flag: true },
      shutdownDate: "2027-01-01",
      unconfirmed: ["a family-wide doubt"],
    });
  });

  it("removeParams drops the param, its rules, and its feature tag when no other param carries it", () => {
    const card = deriveCard({ family: FAMILY, member: B, id: "test-b" });
    expect(Object.keys(card.params)).toEqual(["n", "output_format", "moderation"]);
    // output_compression and input_fidelity were the only carriers of their tags; oa_moderation is still
    // carried by `moderation`; oa_mask is carried by no param at all and stays.
    expect(card.featureTags).toEqual(["oa_output_format", "oa_moderation", "oa_mask"]);
    expect(card.rules).toEqual([]); // the compression rule is about a param B lacks
  });

  it("drops a shared tag only when every param carrying it is removed", () => {
    const member = { id: "test-c", label: "C", removeParams: ["moderation", "moderation_level"] };
    const card = deriveCard({ family: FAMILY, member, id: "test-c" });
    expect(card.featureTags).not.toContain("oa_moderation");
    expect(card.featureTags).toContain("oa_output_compression");
  });

  it("member params and limits override the family's; the rest is kept", () => {
    const card = deriveCard({ family: FAMILY, member: B, id: "test-b" });
    expect(card.params.n).toEqual({ ...n, max: 1 });
    expect(card.params.output_format).toEqual(FAMILY.params.output_format);
    expect(card.limits).toEqual({ maxImages: 16, maxN: 1, maxPromptChars: 1000 });
    expect(card.unconfirmed).toEqual(["a family-wide doubt", "a doubt about B"]);
    expect(card.shutdownDate).toBeNull();
  });

  it("gives a snapshot the member's card with its own id, upstream id and a label naming it", () => {
    const card = deriveCard({ family: FAMILY, member: A, id: "test-a-2026-01-01" });
    const member = deriveCard({ family: FAMILY, member: A, id: "test-a" });
    expect(card).toEqual({
      ...member,
      id: "test-a-2026-01-01",
      upstreamId: "test-a-2026-01-01",
      label: "Test A (test-a-2026-01-01)",
    });
  });

  it("gives a pattern-only id the family card, no shutdown, and an 'unconfirmed' note", () => {
    const card = deriveCard({ family: FAMILY, id: "test-zeta" });
    expect(card).toMatchObject({
      id: "test-zeta",
      label: "Test Family (test-zeta)",
      params: FAMILY.params,
      limits: FAMILY.limits,
      shutdownDate: null,
      unconfirmed: ["a family-wide doubt", "test-zeta is not a known id: the Test Family family's rules are assumed"],
    });
  });

  it("takes a label, an upstream id (an alias) and an admin timeout", () => {
    const card = deriveCard({
      family: FAMILY,
      member: A,
      id: "house",
      label: "House",
      upstreamId: "test-a",
      timeoutS: 90,
    });
    expect(card).toMatchObject({ id: "house", label: "House", upstreamId: "test-a", timeoutS: 90 });
    expect(deriveCard({ family: FAMILY, member: A, id: "test-a" })).not.toHaveProperty("timeoutS");
  });

  it("copies imageCount and wire only when the family has them", () => {
    const { wire: _w, ...plain } = FAMILY;
    const card = deriveCard({ family: plain, member: A, id: "test-a" });
    expect(card).not.toHaveProperty("wire");
    expect(card).not.toHaveProperty("imageCount");
    const counted = deriveCard({ family: { ...FAMILY, imageCount: { param: "n" } }, member: A, id: "test-a" });
    expect(counted.imageCount).toEqual({ param: "n" });
  });

  it("returns a copy: changing the card leaves the family alone", () => {
    const card = deriveCard({ family: FAMILY, member: A, id: "test-a" });
    (card.params.n as { max: number }).max = 99;
    card.limits.maxN = 99;
    card.rules[0].message = "changed";
    card.featureTags.push("oa_quality_hd");
    card.unconfirmed.push("x");
    expect(n.max).toBe(8);
    expect(FAMILY.limits.maxN).toBe(8);
    expect(FAMILY.rules[0].message).toBe("compression needs jpeg");
    expect(FAMILY.featureTags).not.toContain("oa_quality_hd");
    expect(FAMILY.unconfirmed).toEqual(["a family-wide doubt"]);
  });
});

describe("the registry's member overrides", () => {
  it("gpt-image-1-mini: no input_fidelity, so no oa_input_fidelity", () => {
    const mini = getModel("gpt-image-1-mini")!;
    expect(mini.params.input_fidelity).toBeUndefined();
    expect(mini.featureTags).not.toContain("oa_input_fidelity");
    expect(getModel("gpt-image-1")!.featureTags).toContain("oa_input_fidelity");
  });

  it("gpt-image-2-03: one image per request (n max 1, maxN 1), everything else gpt-image-2's", () => {
    const one = getModel("gpt-image-2-03")!;
    const two = getModel("gpt-image-2")!;
    expect(one.params.n).toMatchObject({ type: "int", min: 1, max: 1 });
    expect(one.limits).toEqual({ ...two.limits, maxN: 1 });
    const { n: _a, ...rest } = one.params;
    const { n: _b, ...rest2 } = two.params;
    expect(rest).toEqual(rest2);
    expect(one.featureTags).toEqual(two.featureTags);
  });

  it("Seedream 4.5: its own sizes, no prompt optimization (nor its tag); 4.0 keeps both", () => {
    const s45 = getModel("doubao-seedream-4-5-251128")!;
    const s40 = getModel("doubao-seedream-4-0-250828")!;
    expect(s45.params.size).toMatchObject({ presets: ["2K", "4K"], custom: { minPixels: 3_686_400 } });
    expect(s40.params.size).toMatchObject({ presets: ["1K", "2K", "4K"], custom: { minPixels: 921_600 } });
    expect(s45.params.prompt_optimization).toBeUndefined();
    expect(s45.featureTags).not.toContain("ark_optimize_prompt");
    expect(s40.featureTags).toContain("ark_optimize_prompt");
    expect(s45.family).toBe(getFamily("seedream-4")!.id);
  });
});
