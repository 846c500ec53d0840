import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SessionProvider } from "@/components/auth/session-provider";
import { AppHeader } from "@/components/layout/app-header";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { Toaster } from "@/components/ui/toaster";
import { pageActor } from "@/lib/auth/page";
import { teamDirectory } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { requestLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: "Atelier",
  description: "AI image studio for e-commerce teams",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor] = await Promise.all([requestLocale(), pageActor()]);
  const members = actor ? await teamDirectory() : [];
  return (
    <html lang={locale}>
      <body className="group/body min-h-screen">
        <LocaleProvider locale={locale}>
          <SessionProvider user={actor?.user ?? null} members={members}>
            <AppHeader t={t} simulated={env().simulated} user={actor?.user ?? null} />
            {/* The studio page is a full-width work surface; other pages keep the reading width. */}
            <main className="mx-auto max-w-7xl px-6 py-8 has-[[data-studio]]:max-w-none has-[[data-studio]]:pb-0 has-[[data-studio]]:pt-4">
              {children}
            </main>
            <Toaster />
          </SessionProvider>
        </LocaleProvider>
      </body>
    </html>
  );
}
