import "server-only";
import { openaiError, type SimError } from "./http";

/**
 * Typed readers of OpenAI-format parameters, each failing with the 400 OpenAI itself sends (param and code
 * set, §D.2). Multipart sends every field as text, so `form` coerces integers and booleans like its parser.
 */

export const bad = (param: string, message: string, code = "invalid_value") =>
  openaiError(400, message, { param, code });

export function oneOf<T extends string>(param: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.map((a) => `'${a}'`).join(", ");
  return fail(bad(param, `Invalid value: '${String(value)}'. Supported values are: ${list}.`));
}

export function fail(e: SimError): never {
  throw e;
}

/** Reads one parameter with its JSON type; multipart sends text, so it is coerced like the real parser does. */
export function typed(
  raw: Record<string, unknown>,
  key: string,
  type: "string" | "integer" | "boolean",
  form: boolean,
): unknown {
  let v = raw[key];
  if (v === undefined) return undefined;
  if (form && typeof v === "string") {
    if (type === "integer" && /^-?\d+$/.test(v)) v = Number(v);
    else if (type === "boolean" && (v === "true" || v === "false")) v = v === "true";
  }
  const ok =
    type === "string" ? typeof v === "string" : type === "integer" ? Number.isInteger(v) : typeof v === "boolean";
  if (ok) return v;
  const got =
    v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
  return fail(
    bad(
      key,
      `Invalid type for '${key}': expected ${type === "integer" ? "an integer" : `a ${type}`}, but got ${got} instead.`,
      "invalid_type",
    ),
  );
}

export function intIn(
  raw: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  form: boolean,
): number | undefined {
  const v = typed(raw, key, "integer", form) as number | undefined;
  if (v === undefined) return undefined;
  if (v < min)
    fail(
      bad(
        key,
        `Invalid '${key}': integer below minimum value. Expected a value >= ${min}, but got ${v} instead.`,
        "integer_below_min_value",
      ),
    );
  if (v > max)
    fail(
      bad(
        key,
        `Invalid '${key}': integer above maximum value. Expected a value <= ${max}, but got ${v} instead.`,
        "integer_above_max_value",
      ),
    );
  return v;
}
