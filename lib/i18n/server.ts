import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale, translator, type Locale, type Translate } from "./index";

/** The request's locale: the persisted choice, else the browser's language. */
export async function requestLocale(): Promise<{ locale: Locale; t: Translate }> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  return { locale, t: translator(locale) };
}
