"use client";

import { LOCALES, type Locale } from "@/lib/i18n";
import { useI18n } from "./locale-provider";

const NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function LocaleSwitch() {
  const { locale, t, setLocale } = useI18n();
  return (
    <label className="flex items-center gap-2 text-sm text-ink-soft">
      <span className="sr-only">{t("lang.label")}</span>
      <select
        aria-label={t("lang.label")}
        data-testid="locale-switch"
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        className="rounded-md border border-zinc-200 bg-white px-2 py-1 text-sm shadow-card hover:border-zinc-300"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
