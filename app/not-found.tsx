import type { Metadata } from "next";
import { ErrorPanel, HomeLink } from "@/components/errors/error-panel";
import { requestLocale } from "@/lib/i18n/server";

// Serves unmatched URLs and every notFound() below app/ (e.g. /projects/:projectId of an unknown project).

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t("errorPage.notFound.metaTitle") };
}

export default async function NotFound() {
  const { t } = await requestLocale();
  return (
    <>
      {/* generateMetadata only reaches unmatched URLs; a page's notFound() keeps that page's metadata, so the
          title is also set here (React hoists it to <head>, ahead of the layout's). */}
      <title>{t("errorPage.notFound.metaTitle")}</title>
      <ErrorPanel
        variant="not-found"
        code={t("errorPage.notFound.code")}
        title={t("errorPage.notFound.title")}
        body={t("errorPage.notFound.body")}
        actions={<HomeLink label={t("errorPage.home")} />}
      />
    </>
  );
}
