import type { ModelCard, Operation, ParamSpec } from "@/lib/models";
import { hasMessage, type Translate } from "@/lib/i18n";
import { conditionHolds, type ParamValues } from "@/lib/validation";

/**
 * Words for card data. Cards carry English labels; known param names and values have catalog
 * entries, anything new (a model added later) falls back to the card's own label or the raw value.
 */

export function paramLabel(t: Translate, name: string, spec: ParamSpec | undefined): string {
  const key = `param.${name}`;
  return hasMessage(key) ? t(key) : (spec?.label ?? name);
}

export function paramHint(t: Translate, name: string, spec: ParamSpec | undefined): string | undefined {
  const key = `param.${name}.hint`;
  return hasMessage(key) ? t(key) : spec?.description;
}

export function valueLabel(t: Translate, value: unknown): string {
  const text = String(value);
  const key = `value.${text}`;
  if (hasMessage(key)) return t(key);
  return /^\d+x\d+$/.test(text) ? text.replace("x", " × ") : text;
}

const valueList = (t: Translate, values: unknown[]) => values.map((v) => valueLabel(t, v)).join(" / ");

/** Why a control is locked right now, from the card's `requires` rule. */
export function lockedText(
  t: Translate,
  card: ModelCard,
  operation: Operation,
  values: ParamValues,
  name: string,
): string | undefined {
  const rule = card.rules.find(
    (r) => r.kind === "requires" && r.param === name && !conditionHolds(card, operation, values, r.when),
  );
  if (!rule) return undefined;
  return t("panel.lockedBy", {
    param: paramLabel(t, rule.when.param, card.params[rule.when.param]),
    values: valueList(t, rule.when.in),
  });
}

/** Why one option is disabled right now, from the card's `value_requires` rule. */
export function disabledValueText(t: Translate, card: ModelCard, name: string, value: string): string | undefined {
  const rule = card.rules.find((r) => r.kind === "value_requires" && r.param === name && r.value === value);
  if (!rule) return undefined;
  return t("panel.valueNeeds", {
    value: valueLabel(t, value),
    param: paramLabel(t, rule.when.param, card.params[rule.when.param]),
    values: valueList(t, rule.when.in),
  });
}
