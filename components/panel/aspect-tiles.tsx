"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { valueLabel } from "./param-text";

/** "1536x1024" or "16:9" → width / height; null for "auto" and anything else. */
export function ratioOf(value: string): number | null {
  const m = /^(\d+)\s*[x:]\s*(\d+)$/.exec(value);
  if (!m) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? w / h : null;
}

export const looksLikeShapes = (values: string[]): boolean =>
  values.length > 1 && values.filter((v) => ratioOf(v) !== null).length >= values.length - 1;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** "1536x1024" → "3:2"; "16:9" stays. */
function ratioText(value: string): string | null {
  const m = /^(\d+)x(\d+)$/.exec(value);
  if (!m) return ratioOf(value) ? value : null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  const g = gcd(w, h);
  const rw = w / g;
  const rh = h / g;
  return rw <= 32 && rh <= 32 ? `${rw}:${rh}` : null;
}

function Shape({ value }: { value: string }) {
  const r = ratioOf(value);
  if (r === null)
    return (
      <span className="grid size-5 place-items-center rounded border border-dashed border-current text-[9px] leading-none">
        A
      </span>
    );
  const w = r >= 1 ? 20 : Math.max(8, Math.round(20 * r));
  const h = r >= 1 ? Math.max(8, Math.round(20 / r)) : 20;
  return <span className="block rounded-[3px] border-[1.5px] border-current" style={{ width: w, height: h }} />;
}

interface Props {
  label: string;
  values: string[];
  value: string | undefined;
  disabledValues: string[];
  disabled: boolean;
  onChange: (v: string) => void;
  extra?: { label: string; checked: boolean; onSelect: () => void };
}

/** Size or aspect-ratio choices drawn as their shapes. */
export function AspectTiles({ label, values, value, disabledValues, disabled, onChange, extra }: Props) {
  const { t } = useI18n();
  const cols = values.length + (extra ? 1 : 0) <= 4 ? "grid-cols-4" : "grid-cols-5";
  const tile = (checked: boolean) =>
    `flex h-16 flex-col items-center justify-center gap-1 rounded-lg border text-[11px] leading-tight transition disabled:cursor-not-allowed disabled:opacity-40 ${
      checked
        ? "border-brand-500 bg-brand-50 text-brand-700 ring-1 ring-brand-500"
        : "border-zinc-200 bg-white text-ink-soft hover:border-zinc-300 hover:text-ink"
    }`;
  return (
    <div role="radiogroup" aria-label={label} className={`grid gap-1.5 ${cols}`}>
      {values.map((v) => {
        const ratio = ratioText(v);
        return (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={v === value}
            aria-label={valueLabel(t, v)}
            disabled={disabled || disabledValues.includes(v)}
            onClick={() => onChange(v)}
            className={tile(v === value)}
          >
            <span className="grid h-6 place-items-center">
              <Shape value={v} />
            </span>
            <span className="font-medium">{ratio ?? valueLabel(t, v)}</span>
            {ratio && ratio !== v && <span className="-mt-0.5 text-[9px] text-ink-faint">{v.replace("x", "×")}</span>}
          </button>
        );
      })}
      {extra && (
        <button
          type="button"
          role="radio"
          aria-checked={extra.checked}
          disabled={disabled}
          onClick={extra.onSelect}
          className={tile(extra.checked)}
        >
          <span className="grid h-6 place-items-center">
            <span className="block size-5 rounded-[3px] border-[1.5px] border-dashed border-current" />
          </span>
          <span className="font-medium">{extra.label}</span>
        </button>
      )}
    </div>
  );
}
