import type { Issue } from "@/lib/errors";
import type { ModelCard, Operation } from "@/lib/models";
import { valueProblem } from "./param-schemas";
import type { ParamValues } from "./rules";
import { appliesTo, disablingRules, isValueDisabled, lockingRule, ruleViolations, specOf } from "./rules";

/**
 * Pure helpers over one card: what the parameter panel shows, and the same checks the server
 * runs. Every function takes the values as the user set them (defaults not yet applied).
 */

export interface ParamState {
  visible: boolean;
  locked: boolean;
  lockedReason?: string;
  disabledValues: string[];
}

export interface UnsupportedParam {
  param: string;
  message: string;
}

/** Names of the params the model takes for this operation, in card order. */
export function visibleParams(card: ModelCard, operation: Operation): string[] {
  if (!card.operations.includes(operation)) return [];
  return Object.entries(card.params)
    .filter(([, spec]) => appliesTo(spec, operation))
    .map(([name]) => name);
}

/** Why `name` cannot be sent with this model and operation, or null when it can. */
export function unsupportedParam(card: ModelCard, operation: Operation, name: string): UnsupportedParam | null {
  const spec = specOf(card, name);
  if (!spec) return { param: name, message: `${card.id} does not accept '${name}'` };
  if (!appliesTo(spec, operation)) {
    const only = (spec.operations ?? []).join(" / ");
    return { param: name, message: `${card.id} does not accept '${name}' for ${operation} (${only} only)` };
  }
  return null;
}

export function paramState(card: ModelCard, operation: Operation, values: ParamValues, name: string): ParamState {
  const unsupported = card.operations.includes(operation) ? unsupportedParam(card, operation, name) : null;
  if (!card.operations.includes(operation) || unsupported) {
    const lockedReason = unsupported?.message ?? `${card.id} does not support ${operation}`;
    return { visible: false, locked: true, lockedReason, disabledValues: [] };
  }
  const spec = card.params[name];
  const lock = lockingRule(card, operation, values, name);
  const options = spec.type === "enum" ? spec.values : spec.type === "size" ? spec.presets : [];
  const disabled = new Set(
    disablingRules(card, operation, values, name).map((r) => (r.kind === "value_requires" ? r.value : null)),
  );
  const state: ParamState = {
    visible: true,
    locked: Boolean(lock),
    disabledValues: options.filter((v) => disabled.has(v)),
  };
  if (lock) state.lockedReason = lock.message;
  return state;
}

/**
 * `values` plus the card default of every param that applies and was not set. A default that
 * a rule forbids right now (compression while the format is png) is left out, not sent.
 */
export function fillDefaults(card: ModelCard, operation: Operation, values: ParamValues): ParamValues {
  const out: ParamValues = {};
  const filled: string[] = [];
  // Card order, so stored params read the same whatever order the client sent them in.
  for (const name of visibleParams(card, operation)) {
    const def = card.params[name].default;
    if (values[name] !== undefined) out[name] = values[name];
    else if (def !== undefined) {
      out[name] = def;
      filled.push(name);
    }
  }
  for (const [name, v] of Object.entries(values)) if (!(name in out) && v !== undefined) out[name] = v;
  for (const name of filled) {
    if (lockingRule(card, operation, out, name) || isValueDisabled(card, operation, out, name, out[name]))
      delete out[name];
  }
  return out;
}

/** The values the upstream would use for this model and operation when the user sets nothing. */
export function defaultParams(card: ModelCard, operation: Operation): ParamValues {
  return fillDefaults(card, operation, {});
}

/**
 * What is sent and stored: the params the user chose, plus the defaults a card marks `alwaysSend`
 * (the upstream's own default differs). Nothing else: a default the studio injects is a param the
 * gateway may reject (docs/upstreams.md §J.3). Card order, so payloads read the same whatever order
 * the client sent.
 */
export function chosenParams(card: ModelCard, operation: Operation, values: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const name of visibleParams(card, operation)) {
    const spec = card.params[name];
    if (values[name] !== undefined) out[name] = values[name];
    else if (spec.alwaysSend && spec.default !== undefined && !lockingRule(card, operation, values, name)) {
      out[name] = spec.default;
    }
  }
  return out;
}

/**
 * Values carried over to another model (or operation): keep what the card takes with a value it
 * allows, drop the rest (the panel shows defaults for them) and what a rule locks. Only chosen
 * values remain, so only chosen values are submitted.
 */
export function sanitizeParamsForModel(card: ModelCard, operation: Operation, values: ParamValues): ParamValues {
  const kept: ParamValues = {};
  for (const name of visibleParams(card, operation)) {
    const v = values[name];
    if (v !== undefined && valueProblem(card.params[name], v) === null) kept[name] = v;
  }
  // Dropping one value can change what another rule sees; a few passes reach a fixed point.
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const name of Object.keys(kept)) {
      if (lockingRule(card, operation, kept, name) || isValueDisabled(card, operation, kept, name, kept[name])) {
        delete kept[name];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return kept;
}

/** Field messages for the panel, with the server's paths (`params.n`). Empty when the server would accept them. */
export function validateParams(card: ModelCard, operation: Operation, values: ParamValues): Issue[] {
  const issues: Issue[] = [];
  const invalid = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const unsupported = unsupportedParam(card, operation, name);
    const problem = unsupported ? unsupported.message : valueProblem(card.params[name], value);
    if (problem) {
      issues.push({ path: `params.${name}`, message: problem });
      invalid.add(name);
    }
  }
  // A cross-field message only where both sides hold values the model offers.
  for (const [name, message] of ruleViolations(card, operation, values, invalid))
    issues.push({ path: `params.${name}`, message });
  return issues;
}
