import { z } from "zod";
import type { CustomSizeSpec, ParamSpec } from "@/lib/models";

/**
 * One zod schema per ParamSpec, derived from the card, never written per model. Values are
 * taken as JSON gives them: no coercion ("2" is not 2), so what is stored is what is sent.
 */

const SIZE_RE = /^(\d{1,5})x(\d{1,5})$/;

/** Why `size` does not fit the custom bounds, or null when it does. */
export function customSizeProblem(size: string, c: CustomSizeSpec): string | null {
  const m = SIZE_RE.exec(size);
  if (!m) return "must be WIDTHxHEIGHT";
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (w % c.multipleOf !== 0 || h % c.multipleOf !== 0) return `width and height must be multiples of ${c.multipleOf}`;
  if (Math.max(w, h) > c.maxEdge) return `the long edge must be at most ${c.maxEdge}`;
  if (c.minEdge !== undefined && Math.min(w, h) < c.minEdge) return `the short edge must be at least ${c.minEdge}`;
  const ratio = w / h;
  // A small tolerance: 1:3 is stored as 0.333…, and 1280x3840 must pass.
  if (ratio < c.minRatio - 1e-9 || ratio > c.maxRatio + 1e-9) {
    return `the aspect ratio must be between ${formatRatio(c.minRatio)} and ${formatRatio(c.maxRatio)}`;
  }
  const pixels = w * h;
  if (pixels < c.minPixels || pixels > c.maxPixels)
    return `the pixel count must be between ${c.minPixels} and ${c.maxPixels}`;
  return null;
}

function formatRatio(r: number): string {
  const round = (x: number) => Math.round(x * 100) / 100;
  return r >= 1 ? `${round(r)}:1` : `1:${round(1 / r)}`;
}

function rangeMessage(min: number, max: number, what: string): string {
  return min === max ? `must be ${min}` : `must be ${what} between ${min} and ${max}`;
}

function intSchema(spec: { min: number; max: number }) {
  const error = rangeMessage(spec.min, spec.max, "an integer");
  return z.number({ error }).int({ error }).min(spec.min, { error }).max(spec.max, { error });
}

function numberSchema(spec: { min: number; max: number; step?: number }) {
  const error = rangeMessage(spec.min, spec.max, "a number");
  const base = z.number({ error }).min(spec.min, { error }).max(spec.max, { error });
  const step = spec.step;
  if (!step) return base;
  return base.refine((v) => Math.abs((v - spec.min) / step - Math.round((v - spec.min) / step)) < 1e-9, {
    error: `must be a multiple of ${step} from ${spec.min}`,
  });
}

function sizeSchema(spec: { presets: string[]; custom?: CustomSizeSpec }) {
  const offered = `one of ${spec.presets.join(", ")}`;
  return z.string({ error: `must be ${offered}${spec.custom ? " or WIDTHxHEIGHT" : ""}` }).superRefine((v, ctx) => {
    if (spec.presets.includes(v)) return;
    if (!spec.custom) return void ctx.addIssue({ code: "custom", message: `must be ${offered}` });
    const problem = customSizeProblem(v, spec.custom);
    if (problem) ctx.addIssue({ code: "custom", message: `'${v}' is not offered: ${problem}` });
  });
}

const cache = new WeakMap<ParamSpec, z.ZodType>();

/** The schema a single value of this param must satisfy (cross-field rules are separate). */
export function paramValueSchema(spec: ParamSpec): z.ZodType {
  let schema = cache.get(spec);
  if (!schema) {
    schema = buildSchema(spec);
    cache.set(spec, schema);
  }
  return schema;
}

function buildSchema(spec: ParamSpec): z.ZodType {
  switch (spec.type) {
    case "enum":
      return z.enum(spec.values as [string, ...string[]], { error: `must be one of ${spec.values.join(", ")}` });
    case "int":
      return intSchema(spec);
    case "number":
      return numberSchema(spec);
    case "boolean":
      return z.boolean({ error: "must be true or false" });
    case "size":
      return sizeSchema(spec);
  }
}

/** The first problem with `value`, or null when the spec accepts it. */
export function valueProblem(spec: ParamSpec, value: unknown): string | null {
  const r = paramValueSchema(spec).safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? "invalid value");
}
