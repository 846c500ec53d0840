import { en, type Catalog, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export type { MessageKey };
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "atelier-locale";

const catalogs: Record<Locale, Catalog> = { en, "zh-CN": zhCN };

/** True when `key` is in the catalogs: for keys built from data (param names, error codes). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key);

export const isLocale = (v: unknown): v is Locale =>
  typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** Pick a locale from a stored choice, else from the browser's Accept-Language. */
export function resolveLocale(stored: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(stored)) return stored;
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("zh") ? "zh-CN" : "en";
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    // One plural refinement: `key.one` (when the catalog has it) for a count of exactly 1.
    const one = vars?.count === 1 ? `${key}.one` : null;
    if (one && hasMessage(one)) key = one;
    const text = catalog[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
