import type { Condition, ModelCard, Operation, ParamSpec, ParamValue, Rule } from "@/lib/models";

/**
 * Evaluation of a card's cross-field `rules`. The panel (locks, disabled options) and the
 * server (400s) call the same functions, so they cannot disagree.
 */

export type ParamValues = Record<string, unknown>;

/** Own keys only: a param named `constructor` or `__proto__` must not find Object.prototype's. */
export function specOf(card: ModelCard, name: string): ParamSpec | undefined {
  return Object.hasOwn(card.params, name) ? card.params[name] : undefined;
}

export function appliesTo(spec: ParamSpec, operation: Operation): boolean {
  return !spec.operations || spec.operations.includes(operation);
}

/** The value the upstream will see for `name`: the given one, else the card default, else undefined. */
export function effectiveValue(card: ModelCard, operation: Operation, values: ParamValues, name: string): unknown {
  const spec = specOf(card, name);
  if (!spec || !appliesTo(spec, operation)) return undefined;
  return values[name] !== undefined ? values[name] : spec.default;
}

export function conditionHolds(card: ModelCard, operation: Operation, values: ParamValues, when: Condition): boolean {
  const v = effectiveValue(card, operation, values, when.param);
  return v !== undefined && when.in.includes(v as ParamValue);
}

/** The `requires` rule that currently locks `name`, if any. */
export function lockingRule(
  card: ModelCard,
  operation: Operation,
  values: ParamValues,
  name: string,
): Rule | undefined {
  return card.rules.find(
    (r) => r.kind === "requires" && r.param === name && !conditionHolds(card, operation, values, r.when),
  );
}

/** The `value_requires` rules on `name` whose condition fails: their values are not allowed now. */
export function disablingRules(card: ModelCard, operation: Operation, values: ParamValues, name: string): Rule[] {
  return card.rules.filter(
    (r) => r.kind === "value_requires" && r.param === name && !conditionHolds(card, operation, values, r.when),
  );
}

/** True when `value` of `name` is forbidden by a `value_requires` rule given the other values. */
export function isValueDisabled(
  card: ModelCard,
  operation: Operation,
  values: ParamValues,
  name: string,
  value: unknown,
): boolean {
  return disablingRules(card, operation, values, name).some((r) => r.kind === "value_requires" && r.value === value);
}

/**
 * Cross-field violations as `[name, message]`. A `requires` rule only objects to a value the
 * caller set explicitly; a `value_requires` rule objects to the effective value. Rules touching
 * a name in `skip` (already reported as invalid) are left out.
 */
export function ruleViolations(
  card: ModelCard,
  operation: Operation,
  values: ParamValues,
  skip: ReadonlySet<string> = new Set(),
): [string, string][] {
  const out: [string, string][] = [];
  for (const rule of card.rules) {
    if (skip.has(rule.param) || skip.has(rule.when.param)) continue;
    const spec = specOf(card, rule.param);
    if (!spec || !appliesTo(spec, operation) || conditionHolds(card, operation, values, rule.when)) continue;
    if (rule.kind === "requires" && values[rule.param] !== undefined) out.push([rule.param, rule.message]);
    if (rule.kind === "value_requires" && effectiveValue(card, operation, values, rule.param) === rule.value) {
      out.push([rule.param, rule.message]);
    }
  }
  return out;
}
