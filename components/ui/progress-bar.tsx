type Tone = "brand" | "success" | "danger" | "muted";

const TONES: Record<Tone, string> = {
  brand: "bg-gradient-to-r from-brand-500 to-fuchsia-500",
  success: "bg-emerald-500",
  danger: "bg-red-500",
  muted: "bg-zinc-400",
};

/** A determinate bar with the ARIA progressbar contract; `indeterminate` shimmers while nothing is counted yet. */
export function ProgressBar({
  value,
  max,
  label,
  tone = "brand",
  indeterminate = false,
}: {
  value: number;
  max: number;
  label: string;
  tone?: Tone;
  indeterminate?: boolean;
}) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className="relative h-1.5 w-full overflow-hidden rounded-full bg-zinc-100"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ease-out ${TONES[tone]}`}
        style={{ width: `${pct}%` }}
      />
      {indeterminate && (
        <div className="absolute inset-y-0 w-1/3 animate-[atelier-slide_1.4s_ease-in-out_infinite] rounded-full bg-brand-300/70" />
      )}
    </div>
  );
}
