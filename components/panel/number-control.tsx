"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import type { IntParam, NumberParam } from "@/lib/models";

interface Props {
  spec: IntParam | NumberParam;
  label: string;
  value: unknown;
  disabled: boolean;
  onChange: (v: number | undefined) => void;
}

/** Slider + number box. The box keeps what was typed, so an out-of-range value reaches validation and is explained. */
export function NumberControl({ spec, label, value, disabled, onChange }: Props) {
  const { t } = useI18n();
  const current = typeof value === "number" ? value : undefined;
  const [draft, setDraft] = useState<string | null>(null);
  const range = spec.max - spec.min;
  // A round step about a hundredth of the range (1–10 → 0.1); integers step by 1.
  const step = spec.type === "number" ? (spec.step ?? 10 ** Math.floor(Math.log10(range || 1)) / 10) : 1;
  // A slider over billions (a seed) is useless: such params get the number box alone.
  const slider = range / step <= 2000;

  if (spec.min === spec.max) {
    return (
      <p className="flex items-center justify-between rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm">
        <span className="font-medium tabular-nums">{spec.min}</span>
        <span className="text-xs text-ink-faint">{t("panel.fixedByModel")}</span>
      </p>
    );
  }
  const shown = draft ?? (current === undefined ? "" : String(current));
  return (
    <div className="flex items-center gap-3">
      {slider && (
        <input
          type="range"
          aria-label={label}
          min={spec.min}
          max={spec.max}
          step={step}
          disabled={disabled}
          value={current ?? spec.default ?? spec.min}
          onChange={(e) => {
            setDraft(null);
            onChange(Number(e.target.value));
          }}
          className="h-1.5 min-w-0 flex-1 cursor-pointer accent-brand-600 disabled:cursor-not-allowed disabled:opacity-40"
        />
      )}
      <input
        type="number"
        inputMode="decimal"
        aria-label={t("panel.valueOf", { param: label })}
        min={spec.min}
        max={spec.max}
        step={step}
        disabled={disabled}
        value={shown}
        placeholder={spec.default === undefined ? "" : String(spec.default)}
        onChange={(e) => {
          setDraft(e.target.value);
          const raw = e.target.value.trim();
          onChange(raw === "" ? undefined : Number(raw));
        }}
        onBlur={() => setDraft(null)}
        className={`${slider ? "w-16" : "w-full"} rounded-md border border-zinc-200 bg-white px-2 py-1 text-right text-sm tabular-nums shadow-card focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-zinc-50 disabled:text-ink-faint`}
      />
    </div>
  );
}
