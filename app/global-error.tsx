"use client";

import { useSyncExternalStore, type CSSProperties } from "react";
import { errorDigest } from "@/components/errors/error-digest";
import { LOCALE_COOKIE, resolveLocale, translator, type Locale } from "@/lib/i18n";

/*
 * Replaces the root layout when the layout itself fails, so nothing of it is here: no LocaleProvider, no
 * globals.css (Tailwind may not have loaded). Hence inline styles in the studio's palette, and a locale read
 * in the browser from the same cookie / language the server would use.
 */

function browserLocale(): Locale {
  const stored = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return resolveLocale(stored ? decodeURIComponent(stored) : undefined, navigator.language);
}

const noSubscribe = () => () => {};

const S = {
  body: {
    margin: 0,
    minHeight: "100vh",
    display: "grid",
    placeItems: "center",
    background: "#fafafa",
    color: "#18181b",
    fontFamily:
      'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
    WebkitFontSmoothing: "antialiased",
  },
  card: {
    boxSizing: "border-box",
    width: "min(36rem, calc(100vw - 2rem))",
    padding: "3rem 2.5rem",
    textAlign: "center",
    background: "#fff",
    border: "1px solid #e4e4e7",
    borderRadius: 16,
    boxShadow: "0 1px 2px rgb(24 24 27 / 0.04), 0 1px 3px rgb(24 24 27 / 0.06)",
  },
  // Block + auto margins whether or not a CSS reset (which makes svg a block) happened to load.
  mark: { display: "block", margin: "0 auto" },
  title: { margin: "1.5rem 0 0", fontSize: 20, fontWeight: 600, letterSpacing: "-0.01em" },
  text: { margin: "0.5rem auto 0", maxWidth: "24rem", fontSize: 14, lineHeight: 1.5, color: "#52525b" },
  actions: { marginTop: "2rem", display: "flex", gap: 12, justifyContent: "center", flexWrap: "wrap" },
  primary: {
    font: "inherit",
    fontSize: 14,
    fontWeight: 500,
    padding: "0.5rem 0.875rem",
    borderRadius: 8,
    border: 0,
    background: "#6425f5",
    color: "#fff",
    cursor: "pointer",
  },
  secondary: {
    fontSize: 14,
    fontWeight: 500,
    padding: "calc(0.5rem - 1px) calc(0.875rem - 1px)",
    borderRadius: 8,
    border: "1px solid #e4e4e7",
    background: "#fff",
    color: "#18181b",
    textDecoration: "none",
  },
  reference: { marginTop: "2rem", paddingTop: "1rem", borderTop: "1px solid #f4f4f5", fontSize: 12, color: "#a1a1aa" },
  code: {
    fontFamily: "ui-monospace, monospace",
    background: "#f4f4f5",
    color: "#52525b",
    padding: "2px 6px",
    borderRadius: 4,
  },
} satisfies Record<string, CSSProperties>;

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  // Server render (and hydration) in English; the browser's locale right after, without a mismatch.
  const locale = useSyncExternalStore(noSubscribe, browserLocale, () => "en" as const);
  const t = translator(locale);
  const digest = errorDigest(error);
  return (
    <html lang={locale}>
      <body style={S.body}>
        <title>{t("errorPage.global.title")}</title>
        <main style={S.card} data-testid="error-page-global">
          {/* The header's mark (app/icon.svg), inline: no asset request can fail here. */}
          <svg width="56" height="56" viewBox="0 0 64 64" aria-hidden style={S.mark}>
            <defs>
              <linearGradient id="atelier-mark" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stopColor="#7446ff" />
                <stop offset="1" stopColor="#d946ef" />
              </linearGradient>
            </defs>
            <rect width="64" height="64" rx="14" fill="url(#atelier-mark)" />
            <path
              d="M20.5 46 L32 17 L43.5 46"
              fill="none"
              stroke="#fff"
              strokeWidth="6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
            <path d="M25.5 36.5 H38.5" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
          </svg>
          <h1 style={S.title}>{t("errorPage.global.title")}</h1>
          <p style={S.text}>{t("errorPage.global.body")}</p>
          <div style={S.actions}>
            <button type="button" style={S.primary} onClick={() => retry()}>
              {t("errorPage.retry")}
            </button>
            {/* A full page load, not client navigation: the app shell is what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={S.secondary}>
              {t("errorPage.home")}
            </a>
          </div>
          {digest && (
            <p style={S.reference}>
              {t("errorPage.reference")} <code style={S.code}>{digest}</code>
              <br />
              {t("errorPage.referenceHint")}
            </p>
          )}
        </main>
      </body>
    </html>
  );
}
