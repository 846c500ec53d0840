"use client";

import { useI18n } from "@/components/i18n/locale-provider";

/** The prompt, with a code-point counter against the model's limit. */
export function PromptField({
  value,
  max,
  error,
  onChange,
}: {
  value: string;
  max: number;
  error?: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const chars = [...value].length;
  const over = chars > max;
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between">
        <label htmlFor="prompt" className="text-xs font-medium text-ink-soft">
          {t("panel.prompt")}
        </label>
        <span className={`text-[11px] tabular-nums ${over ? "font-medium text-red-600" : "text-ink-faint"}`}>
          {chars.toLocaleString()} / {max.toLocaleString()}
        </span>
      </div>
      <textarea
        id="prompt"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={5}
        placeholder={t("panel.promptPlaceholder")}
        aria-invalid={Boolean(error) || undefined}
        className={`block w-full resize-y rounded-xl border bg-white px-3 py-2.5 text-sm leading-relaxed shadow-card placeholder:text-ink-faint focus:outline-none focus:ring-2 ${
          error
            ? "border-red-300 focus:border-red-400 focus:ring-red-100"
            : "border-zinc-200 focus:border-brand-400 focus:ring-brand-100"
        }`}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
