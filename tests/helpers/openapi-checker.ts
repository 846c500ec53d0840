/**
 * A small JSON-schema walker over tests/fixtures/openai-images.openapi.json (a copy of the official document, MIT), enough to check
 * the payloads we send (enum, min/max, type, required, unknown properties). No dependency.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Schema = {
  $ref?: string;
  anyOf?: Schema[];
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};

const SPEC_PATH = fileURLToPath(new URL("../fixtures/openai-images.openapi.json", import.meta.url));
const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Record<string, Schema> } };

function resolve(s: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.replace("#/components/schemas/", "");
  const target = spec.components.schemas[name];
  if (!target) throw new Error(`unresolved ${s.$ref}`);
  return resolve(target);
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number";
    case "boolean":
      return typeof v === "boolean";
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "null":
      return v === null;
    default:
      throw new Error(`unhandled type ${type}`);
  }
}

function check(raw: Schema, v: unknown, path: string, errors: string[]): void {
  const s = resolve(raw);
  if (s.anyOf) {
    const ok = s.anyOf.some((b) => {
      const e: string[] = [];
      check(b, v, path, e);
      return e.length === 0;
    });
    if (!ok) errors.push(`${path}: matches no anyOf branch (${JSON.stringify(v)})`);
    return;
  }
  if (v === null && s.nullable) return;
  if (s.type && !typeOk(s.type, v)) return void errors.push(`${path}: expected ${s.type}, got ${JSON.stringify(v)}`);
  if (s.enum && !s.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum ${JSON.stringify(s.enum)}`);
  if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum) errors.push(`${path}: ${v} < minimum ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) errors.push(`${path}: ${v} > maximum ${s.maximum}`);
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`, errors));
  }
  if (s.properties && typeof v === "object" && v !== null && !Array.isArray(v)) {
    const obj = v as Record<string, unknown>;
    for (const req of s.required ?? []) if (!(req in obj)) errors.push(`${path}.${req}: required`);
    for (const [k, x] of Object.entries(obj)) {
      const p = s.properties[k];
      if (!p) errors.push(`${path}.${k}: not a property of the schema`);
      else check(p, x, `${path}.${k}`, errors);
    }
  }
}

/** Errors of `value` against `components.schemas[name]`; empty when it conforms. */
export function schemaErrors(name: string, value: unknown): string[] {
  const errors: string[] = [];
  check({ $ref: `#/components/schemas/${name}` }, value, name, errors);
  return errors;
}

/** The scalar type a multipart text field carries, from the schema (first non-null branch). */
function fieldType(name: string, schemaName: string): string | undefined {
  const prop = spec.components.schemas[schemaName].properties?.[name];
  if (!prop) return undefined;
  const s = resolve(prop);
  const branch = s.anyOf ? s.anyOf.map(resolve).find((b) => b.type && b.type !== "null") : s;
  return branch?.type;
}

export interface WirePart {
  name: string;
  value?: string;
  filename?: string;
}

/**
 * Multipart parts → the object the schema describes: text fields typed as the schema says
 * (multipart carries "2", the schema means 2), files as binary strings, `image[]` as `image`.
 */
export function multipartToObject(parts: WirePart[], schemaName = "CreateImageEditRequest"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const images: string[] = [];
  for (const p of parts) {
    if (p.filename !== undefined) {
      if (p.name === "image" || p.name === "image[]") images.push("<binary>");
      else out[p.name] = "<binary>";
      continue;
    }
    const type = fieldType(p.name, schemaName);
    const raw = p.value ?? "";
    out[p.name] = type === "integer" || type === "number" ? Number(raw) : type === "boolean" ? raw === "true" : raw;
  }
  if (images.length > 0) out.image = images.length === 1 ? images[0] : images;
  return out;
}
