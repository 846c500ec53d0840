"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { IconLock } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/segmented";
import { Switch } from "@/components/ui/switch";
import type { EnumParam, ModelCard, Operation } from "@/lib/models";
import { effectiveValue, paramState, type ParamValues } from "@/lib/validation";
import { AspectTiles, looksLikeShapes } from "./aspect-tiles";
import { NumberControl } from "./number-control";
import { disabledValueText, lockedText, paramHint, paramLabel, valueLabel } from "./param-text";
import { SizeControl } from "./size-control";

interface Props {
  card: ModelCard;
  operation: Operation;
  name: string;
  values: ParamValues;
  error?: string;
  onChange: (name: string, value: unknown) => void;
}

function EnumControl({
  card,
  name,
  spec,
  label,
  value,
  disabled,
  disabledValues,
  onChange,
}: {
  card: ModelCard;
  name: string;
  spec: EnumParam;
  label: string;
  value: string | undefined;
  disabled: boolean;
  disabledValues: string[];
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  if (looksLikeShapes(spec.values)) {
    return (
      <AspectTiles
        label={label}
        values={spec.values}
        value={value}
        disabled={disabled}
        disabledValues={disabledValues}
        onChange={onChange}
      />
    );
  }
  const options = spec.values.map((v) => ({
    value: v,
    label: valueLabel(t, v),
    disabled: disabledValues.includes(v),
    title: disabledValues.includes(v) ? disabledValueText(t, card, name, v) : undefined,
  }));
  if (options.length <= 4 && options.every((o) => o.label.length <= 12)) {
    return <Segmented label={label} options={options} value={value} onChange={onChange} disabled={disabled} />;
  }
  return (
    <select
      aria-label={label}
      value={value ?? ""}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className="w-full rounded-lg border border-zinc-200 bg-white px-2.5 py-1.5 text-sm shadow-card focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-zinc-50"
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** One parameter, drawn from its spec alone: enum, int/number, boolean or size. */
export function ParamField({ card, operation, name, values, error, onChange }: Props) {
  const { t } = useI18n();
  const spec = card.params[name];
  const state = paramState(card, operation, values, name);
  if (!state.visible || !spec) return null;
  const label = paramLabel(t, name, spec);
  const hint = paramHint(t, name, spec);
  const locked = state.locked ? (lockedText(t, card, operation, values, name) ?? state.lockedReason) : undefined;
  const value = effectiveValue(card, operation, values, name);
  const set = (v: unknown) => onChange(name, v);
  const disabledNote = state.disabledValues.map((v) => disabledValueText(t, card, name, v)).find(Boolean);

  let control;
  if (spec.type === "enum")
    control = (
      <EnumControl
        card={card}
        name={name}
        spec={spec}
        label={label}
        value={value as string | undefined}
        disabled={state.locked}
        disabledValues={state.disabledValues}
        onChange={set}
      />
    );
  else if (spec.type === "int" || spec.type === "number")
    control = <NumberControl spec={spec} label={label} value={value} disabled={state.locked} onChange={set} />;
  else if (spec.type === "boolean")
    control = <Switch label={label} checked={value === true} disabled={state.locked} onChange={set} />;
  else
    control = (
      <SizeControl
        spec={spec}
        label={label}
        value={value as string | undefined}
        disabled={state.locked}
        disabledValues={state.disabledValues}
        onChange={set}
      />
    );

  // A value a rule forbids right now is explained in the panel's words rather than the validator's.
  const shownError =
    error && typeof value === "string" && state.disabledValues.includes(value)
      ? (disabledValueText(t, card, name, value) ?? error)
      : error;
  const inline = spec.type === "boolean";
  return (
    <div
      data-testid={`param-${name}`}
      data-param={name}
      data-locked={state.locked ? "true" : undefined}
      className="space-y-1.5"
    >
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-medium text-ink-soft" title={hint}>
          {label}
        </span>
        {locked && (
          <span className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-1.5 py-0.5 text-[10px] font-medium text-ink-faint">
            <IconLock size={10} />
            {t("panel.locked")}
          </span>
        )}
        {inline && control}
      </div>
      {!inline && control}
      {locked && <p className="text-[11px] leading-snug text-ink-faint">{locked}</p>}
      {!locked && !shownError && disabledNote && (
        <p className="text-[11px] leading-snug text-ink-faint">{disabledNote}</p>
      )}
      {shownError && (
        <p role="alert" className="text-xs leading-snug text-red-600" data-testid={`param-error-${name}`}>
          {shownError}
        </p>
      )}
    </div>
  );
}
