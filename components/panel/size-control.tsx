"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import type { SizeParam } from "@/lib/models";
import { Segmented } from "@/components/ui/segmented";
import { AspectTiles, looksLikeShapes } from "./aspect-tiles";
import { valueLabel } from "./param-text";

interface Props {
  spec: SizeParam;
  label: string;
  value: string | undefined;
  disabled: boolean;
  disabledValues: string[];
  onChange: (v: string | undefined) => void;
}

/** Not a size value (sizes never contain a space), so it cannot collide with a preset. */
const CUSTOM = "custom size";

const parse = (v: string | undefined): [string, string] => {
  const m = /^(\d*)x(\d*)$/.exec(v ?? "");
  return m ? [m[1], m[2]] : ["", ""];
};

/** Presets as shapes, plus free WIDTH × HEIGHT when the card allows custom sizes. */
export function SizeControl({ spec, label, value, disabled, disabledValues, onChange }: Props) {
  const { t } = useI18n();
  const isPreset = value === undefined || spec.presets.includes(value);
  const [customOpen, setCustomOpen] = useState(!isPreset);
  const custom = Boolean(spec.custom) && (customOpen || !isPreset);
  const [w, h] = parse(custom ? value : undefined);

  const setCustom = (nw: string, nh: string) => onChange(nw || nh ? `${nw}x${nh}` : undefined);
  const field =
    "w-full rounded-md border border-zinc-200 bg-white px-2 py-1 text-sm tabular-nums shadow-card focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100";

  return (
    <div className="space-y-2">
      {looksLikeShapes(spec.presets) ? (
        <AspectTiles
          label={label}
          values={spec.presets}
          value={custom ? undefined : value}
          disabledValues={disabledValues}
          disabled={disabled}
          onChange={(v) => {
            setCustomOpen(false);
            onChange(v);
          }}
          extra={
            spec.custom
              ? { label: t("panel.customSize"), checked: custom, onSelect: () => setCustomOpen(true) }
              : undefined
          }
        />
      ) : (
        <Segmented
          label={label}
          value={custom ? CUSTOM : value}
          disabled={disabled}
          options={[
            ...spec.presets.map((v) => ({ value: v, label: valueLabel(t, v), disabled: disabledValues.includes(v) })),
            ...(spec.custom ? [{ value: CUSTOM, label: t("panel.customSize") }] : []),
          ]}
          onChange={(v) => {
            setCustomOpen(v === CUSTOM);
            if (v !== CUSTOM) onChange(v);
          }}
        />
      )}
      {custom && (
        <div className="flex items-center gap-2">
          <input
            aria-label={t("panel.width")}
            inputMode="numeric"
            placeholder="1024"
            className={field}
            value={w}
            disabled={disabled}
            onChange={(e) => setCustom(e.target.value.replace(/\D/g, ""), h)}
          />
          <span className="text-ink-faint">×</span>
          <input
            aria-label={t("panel.height")}
            inputMode="numeric"
            placeholder="1024"
            className={field}
            value={h}
            disabled={disabled}
            onChange={(e) => setCustom(w, e.target.value.replace(/\D/g, ""))}
          />
        </div>
      )}
    </div>
  );
}
