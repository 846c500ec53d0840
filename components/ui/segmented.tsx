"use client";

import type { KeyboardEvent } from "react";

export interface SegmentOption {
  value: string;
  label: string;
  disabled?: boolean;
  title?: string;
}

interface Props {
  label: string;
  options: SegmentOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  disabled?: boolean;
  size?: "sm" | "md";
  testId?: string;
}

/** A radio group drawn as a segmented control; arrow keys move between enabled options. */
export function Segmented({ label, options, value, onChange, disabled = false, size = "sm", testId }: Props) {
  const enabled = options.filter((o) => !o.disabled);
  function onKey(e: KeyboardEvent) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const i = enabled.findIndex((o) => o.value === value);
    const next = enabled[(i + (e.key === "ArrowRight" ? 1 : enabled.length - 1)) % enabled.length];
    if (next) onChange(next.value);
  }
  const pad = size === "sm" ? "px-2 py-1 text-xs" : "px-3 py-1.5 text-sm";
  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-disabled={disabled || undefined}
      onKeyDown={onKey}
      data-testid={testId}
      className="flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1"
    >
      {options.map((o) => {
        const checked = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            disabled={disabled || o.disabled}
            title={o.title}
            onClick={() => onChange(o.value)}
            className={`min-w-0 flex-1 whitespace-nowrap rounded-md font-medium transition ${pad} ${
              checked ? "bg-white text-ink shadow-card" : "text-ink-soft hover:text-ink"
            } disabled:cursor-not-allowed disabled:text-ink-faint ${o.disabled ? "line-through decoration-zinc-300" : ""} ${checked && o.disabled ? "ring-1 ring-red-300" : ""}`}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
