/**
 * The OpenAI-img family cards (gpt-image-2, gpt-image-1 / 1.5, dall-e-3) against docs/upstreams.md §A.1
 * (generations), §B.2 (edits) and §J.1 / §J.3, written out here as literal tables — nothing below is read from
 * the registry — and compared cell by cell with what the registry holds and what the validator answers, so a
 * registry mistake (a param too many or too few, a value offered or missing, a wrong range, default or
 * limit) fails here.
 */
import { request } from "@/tests/helpers/validation";
import { describe, expect, it } from "vitest";
import { getModel, MODELS, type ModelCard, type Operation } from "@/lib/models";
import { visibleParams } from "@/lib/validation";

/**
 * One param of one model and operation, as the docs give it:
 * - `values`: every value an enum offers (compared with the card as a set);
 * - `range`: an int's [min, max];
 * - `ok` / `bad`: values the validator must accept / refuse (a size's presets and custom sizes, types);
 * - `default`: the value the upstream uses when it is not sent (the card's `default`);
 * - `with`: other params a value needs to be valid on its own (compression needs jpeg or webp).
 */
interface Cell {
  values?: string[];
  range?: [number, number];
  ok?: unknown[];
  bad: unknown[];
  default: unknown;
  with?: Record<string, unknown>;
}
type Row = Record<string, Cell>;

/** §A.1 `n` 1–10; dall-e-3 and DMXAPI's gpt-image-2-03 take 1 only (§A.1 note 7). */
const n10: Cell = { range: [1, 10], ok: [1, 4, 10], bad: [0, 11, 2.5, "2", null, -1], default: 1 };
const n1: Cell = { range: [1, 1], ok: [1], bad: [2, 0, 10], default: 1 };
/** §A.1 `size` for G15 / G1 / Gm. */
const gptSize: Cell = {
  ok: ["auto", "1024x1024", "1536x1024", "1024x1536"],
  bad: ["1792x1024", "1024x1792", "256x256", "512x512", "1024X1024", 1024, "1536x864", "2048x2048"],
  default: "auto",
};
/** §A.1 note 6: gpt-image-2 takes the presets and custom WxH (multiples of 16, 1:3–3:1, long edge ≤ 3840, 655,360–8,294,400 px). */
const gpt2Size: Cell = {
  ok: [
    "auto",
    "1024x1024",
    "1536x1024",
    "1024x1536",
    "1536x864",
    "2048x2048",
    "3840x2160",
    "2160x3840",
    "1280x3840",
    "3840x1280",
    "1024x768",
    "1024x640",
  ],
  bad: [
    "1000x1000",
    "3856x2160",
    "3840x1264",
    "800x800",
    "3840x2176",
    "4096x1024",
    "1024x1024x1",
    "wide",
    "0x0",
    "1792x1024x",
  ],
  default: "auto",
};
const gptQuality: Cell = {
  values: ["low", "medium", "high", "auto"],
  bad: ["hd", "standard", "ultra", ""],
  default: "auto",
};
/** §A.1 note 1: transparent needs png or webp; gpt-image-2 has no transparent background at all. */
const gptBackground: Cell = { values: ["transparent", "opaque", "auto"], bad: ["white", true, null], default: "auto" };
const gpt2Background: Cell = { values: ["opaque", "auto"], bad: ["transparent", "white"], default: "auto" };
/** §A.1 / §B.2: `moderation` on generations only (not in the multipart edit schema). */
const moderation: Cell = { values: ["low", "auto"], bad: ["high", "strict", 1], default: "auto" };
const outputFormat: Cell = { values: ["png", "jpeg", "webp"], bad: ["gif", "jpg", "PNG"], default: "png" };
/** §A.1 note 2: 0–100, jpeg or webp only. */
const outputCompression: Cell = {
  range: [0, 100],
  ok: [0, 55, 100],
  bad: [-1, 101, 50.5, "80"],
  default: 100,
  with: { output_format: "jpeg" },
};
/** §B.2: `high` or `low`, edits only; not for gpt-image-1-mini; omitted for gpt-image-2. */
const inputFidelity: Cell = { values: ["high", "low"], bad: ["medium", "auto", true], default: "low" };
/** §A.1 note 3 / §B.2: 0–3 partial images (the studio streams when asked for any). */
const partialImages: Cell = { range: [0, 3], ok: [0, 1, 3], bad: [4, -1, 1.5, "2", true], default: 0 };

const G1_GENERATE: Row = {
  n: n10,
  size: gptSize,
  quality: gptQuality,
  background: gptBackground,
  moderation,
  output_format: outputFormat,
  output_compression: outputCompression,
  partial_images: partialImages,
};
const G1_EDIT: Row = {
  n: n10,
  size: gptSize,
  quality: gptQuality,
  background: gptBackground,
  output_format: outputFormat,
  output_compression: outputCompression,
  input_fidelity: inputFidelity,
  partial_images: partialImages,
};
const MINI_EDIT: Row = {
  n: n10,
  size: gptSize,
  quality: gptQuality,
  background: gptBackground,
  output_format: outputFormat,
  output_compression: outputCompression,
  partial_images: partialImages,
};
const G2_GENERATE: Row = {
  n: n10,
  size: gpt2Size,
  quality: gptQuality,
  background: gpt2Background,
  moderation,
  output_format: outputFormat,
  output_compression: outputCompression,
  partial_images: partialImages,
};
const G2_EDIT: Row = {
  n: n10,
  size: gpt2Size,
  quality: gptQuality,
  background: gpt2Background,
  output_format: outputFormat,
  output_compression: outputCompression,
  partial_images: partialImages,
};
const G2_03_GENERATE: Row = { ...G2_GENERATE, n: n1 };
const G2_03_EDIT: Row = { ...G2_EDIT, n: n1 };
/** §A.1 D3: generations only, n = 1; `response_format` always sent as b64_json (the upstream's own default is url). */
const D3_GENERATE: Row = {
  n: n1,
  size: {
    values: ["1024x1024", "1792x1024", "1024x1792"],
    bad: ["auto", "1536x1024", "1024x1536", "512x512"],
    default: "1024x1024",
  },
  quality: { values: ["standard", "hd"], bad: ["auto", "high", "low", "medium"], default: "standard" },
  style: { values: ["vivid", "natural"], bad: ["cinematic", "Vivid"], default: "vivid" },
  response_format: { values: ["url", "b64_json"], bad: ["base64", "png"], default: "b64_json" },
};

interface Expected {
  family: string;
  generate: Row;
  edit: Row | null;
  /** Params, in card order, per operation: what the panel shows and the payload's key order. */
  order: { generate: string[]; edit: string[] };
  limits: { maxImages: number; maxN: number; maxPromptChars: number };
  /** What is sent when the user chooses nothing (§J.3: only `alwaysSend` defaults). */
  sentUnchosen: Record<string, unknown>;
}

const G1_ORDER = {
  generate: [
    "n",
    "size",
    "quality",
    "background",
    "moderation",
    "output_format",
    "output_compression",
    "partial_images",
  ],
  edit: [
    "n",
    "size",
    "quality",
    "background",
    "output_format",
    "output_compression",
    "input_fidelity",
    "partial_images",
  ],
};
const G2_ORDER = {
  generate: G1_ORDER.generate,
  edit: ["n", "size", "quality", "background", "output_format", "output_compression", "partial_images"],
};
const GPT_LIMITS = { maxImages: 16, maxN: 10, maxPromptChars: 32000 };

const gpt2 = (generate: Row, edit: Row, maxN = 10): Expected => ({
  family: "gpt-image-2",
  generate,
  edit,
  order: G2_ORDER,
  limits: { ...GPT_LIMITS, maxN },
  sentUnchosen: {},
});
const gpt1 = (edit: Row, order = G1_ORDER): Expected => ({
  family: "gpt-image-1",
  generate: G1_GENERATE,
  edit,
  order,
  limits: GPT_LIMITS,
  sentUnchosen: {},
});

const EXPECTED: Record<string, Expected> = {
  "gpt-image-2": gpt2(G2_GENERATE, G2_EDIT),
  "gpt-image-2-2026-04-21": gpt2(G2_GENERATE, G2_EDIT),
  "gpt-image-2-ssvip": gpt2(G2_GENERATE, G2_EDIT),
  "gpt-image-2-03": gpt2(G2_03_GENERATE, G2_03_EDIT, 1),
  "gpt-image-1.5": gpt1(G1_EDIT),
  "gpt-image-1.5-2025-12-16": gpt1(G1_EDIT),
  "gpt-image-1": gpt1(G1_EDIT),
  "gpt-image-1-mini": gpt1(MINI_EDIT, G2_ORDER),
  "dall-e-3": {
    family: "dall-e-3",
    generate: D3_GENERATE,
    edit: null,
    order: { generate: ["n", "size", "quality", "style", "response_format"], edit: [] },
    limits: { maxImages: 0, maxN: 1, maxPromptChars: 4000 },
    sentUnchosen: { response_format: "b64_json" },
  },
};

/** Every param name the docs give for either endpoint, plus the request fields the studio never takes as a param. */
const UNIVERSE = [
  "n",
  "size",
  "quality",
  "background",
  "moderation",
  "output_format",
  "output_compression",
  "input_fidelity",
  "partial_images",
  "style",
  "response_format",
  "stream",
  "user",
  "seed",
  "prompt",
  "model",
  "image",
  "mask",
];
/** A well-typed value for each, used where the param must be refused whatever its value. */
const SAMPLE: Record<string, unknown> = {
  n: 1,
  size: "1024x1024",
  quality: "auto",
  background: "auto",
  moderation: "auto",
  output_format: "png",
  output_compression: 50,
  input_fidelity: "low",
  partial_images: 1,
  style: "vivid",
  response_format: "b64_json",
  stream: false,
  user: "u1",
  seed: 1,
  prompt: "x",
  model: "x",
  image: "x",
  mask: "x",
};

const card = (id: string) => getModel(id) as ModelCard;

const OPS = ["generate", "edit"] as const;
const rowOf = (exp: Expected, op: Operation) => (op === "edit" ? exp.edit : exp.generate);
const cells = Object.entries(EXPECTED).flatMap(([model, exp]) =>
  OPS.flatMap((op) => UNIVERSE.map((param) => ({ model, op, param, row: rowOf(exp, op) }))),
);

describe("the table covers the registry", () => {
  it("has a row for every OpenAI-img card and known snapshot, and nothing else", () => {
    const registry = MODELS.filter((m) => m.provider === "dmxapi_openai_img").map((m) => m.id);
    expect(registry.sort()).toEqual([
      "dall-e-3",
      "gpt-image-1",
      "gpt-image-1-mini",
      "gpt-image-1.5",
      "gpt-image-2",
      "gpt-image-2-03",
      "gpt-image-2-ssvip",
    ]);
    for (const id of Object.keys(EXPECTED)) expect(getModel(id)?.provider, id).toBe("dmxapi_openai_img");
    for (const id of registry) expect(EXPECTED, id).toHaveProperty([id]);
  });

  it("the universe names every param any OpenAI-img card has", () => {
    for (const m of MODELS.filter((c) => c.provider === "dmxapi_openai_img"))
      for (const p of Object.keys(m.params)) expect(UNIVERSE, `${m.id}.${p}`).toContain(p);
  });
});

describe.each(Object.entries(EXPECTED))("%s against the docs", (model, exp) => {
  const c = card(model);

  it("belongs to its family, with the documented operations and limits", () => {
    expect(c.family).toBe(exp.family);
    expect(c.operations).toEqual(exp.edit ? ["generate", "edit"] : ["generate"]);
    expect(c.limits).toEqual(exp.limits);
  });

  it.each(OPS)("offers exactly the documented params for %s, in card order", (op) => {
    expect(visibleParams(c, op)).toEqual(exp.order[op]);
    expect([...visibleParams(c, op)].sort()).toEqual(Object.keys(rowOf(exp, op) ?? {}).sort());
  });

  it.each(OPS)("has the documented values, ranges and defaults for %s", (op) => {
    for (const [name, cell] of Object.entries(rowOf(exp, op) ?? {})) {
      const spec = c.params[name];
      expect(spec.default, name).toEqual(cell.default);
      if (cell.values) {
        const offered = spec.type === "enum" ? spec.values : spec.type === "size" ? spec.presets : undefined;
        expect([...(offered ?? [])].sort(), name).toEqual([...cell.values].sort());
      }
      if (cell.range) expect(spec.type === "int" && [spec.min, spec.max], name).toEqual(cell.range);
    }
  });

  it("sends nothing the user did not choose, but the always-sent defaults (§J.3)", () => {
    const r = request(model, "generate", {});
    expect(r.ok && r.value.params).toEqual(exp.sentUnchosen);
    if (exp.edit) {
      const e = request(model, "edit", {});
      expect(e.ok && e.value.params).toEqual({});
    }
  });
});

describe("model × operation × param matrix (validator)", () => {
  it.each(cells.filter((c) => c.row === null).map((c) => [c.model, c.op, c.param] as const))(
    "%s rejects %s before looking at '%s'",
    (model, op, param) => {
      const r = request(model, op, { [param]: SAMPLE[param] });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("operation_not_supported");
    },
  );

  const unsupported = cells.filter((c) => c.row !== null && !(c.param in c.row));
  it.each(unsupported.map((c) => [c.model, c.op, c.param] as const))(
    "%s %s: '%s' is param_not_supported",
    (model, op, param) => {
      const r = request(model, op, { [param]: SAMPLE[param] });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe("param_not_supported");
      expect(r.error.status).toBe(400);
      expect(r.error.details).toMatchObject({ param, model, operation: op });
      expect(r.error.message).toContain(`${model} does not accept '${param}'`);
    },
  );

  const supported = cells.filter((c) => c.row !== null && c.param in c.row);
  const okValues = (cell: Cell) => cell.ok ?? cell.values ?? [];
  const accepted = supported.flatMap((c) =>
    okValues(c.row![c.param]).map((v) => [c.model, c.op, c.param, v, c.row![c.param].with ?? {}] as const),
  );
  it.each(accepted)("%s %s accepts %s = %j", (model, op, param, value, context) => {
    const r = request(model, op, { ...context, [param]: value });
    expect(r.ok ? null : r.error.toBody()).toBeNull();
    // Exactly what was chosen is sent, plus the always-sent defaults the user did not override.
    const always = op === "generate" ? EXPECTED[model].sentUnchosen : {};
    if (r.ok) expect(r.value.params).toEqual({ ...always, ...context, [param]: value });
  });

  const rejected = supported.flatMap((c) =>
    c.row![c.param].bad.map((v) => [c.model, c.op, c.param, v, c.row![c.param].with ?? {}] as const),
  );
  it.each(rejected)("%s %s rejects %s = %j", (model, op, param, value, context) => {
    const r = request(model, op, { ...context, [param]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid_request");
    expect(r.error.details.issues).toEqual([{ path: `params.${param}`, message: expect.any(String) }]);
  });
});
