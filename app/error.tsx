"use client";

import { ErrorPanel, HomeLink } from "@/components/errors/error-panel";
import { errorDigest } from "@/components/errors/error-digest";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { IconRetry } from "@/components/ui/icons";

/** Error boundary of every page below the root layout: the header and the language switch stay usable. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  const digest = errorDigest(error);
  return (
    <>
      <title>{`${t("errorPage.error.title")} — ${t("app.name")}`}</title>
      <ErrorPanel
        variant="error"
        code={t("errorPage.error.code")}
        title={t("errorPage.error.title")}
        body={t("errorPage.error.body")}
        actions={
          <>
            {/* retry() re-fetches the segment from the server, so a passing hiccup (a locked database) clears. */}
            <Button variant="primary" onClick={() => retry()} data-testid="error-page-retry">
              <IconRetry size={14} />
              {t("errorPage.retry")}
            </Button>
            <HomeLink label={t("errorPage.home")} variant="secondary" />
          </>
        }
        footer={
          digest && (
            <div className="mt-8 border-t border-zinc-100 pt-4 text-xs text-ink-faint">
              <p className="flex items-center justify-center gap-2">
                <span>{t("errorPage.reference")}</span>
                <code
                  data-testid="error-page-digest"
                  className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-ink-soft"
                >
                  {digest}
                </code>
                <CopyButton text={digest} label={t("actions.copy")} />
              </p>
              <p className="mt-1">{t("errorPage.referenceHint")}</p>
            </div>
          )
        }
      />
    </>
  );
}
