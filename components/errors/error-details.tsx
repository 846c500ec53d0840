"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { CopyButton } from "@/components/ui/copy-button";
import type { ErrorView } from "@/lib/errors-view";

type Part = "title" | "hint" | "code" | "requestId" | "vendorId" | "raw";

/**
 * A failure, the one way the studio shows it (job cards, the inpaint and cutout panels, toasts): the mapped title
 * and what to do, the code, the request id to copy for support, and the server's or upstream's own words only
 * behind a "Details" disclosure.
 */
export function ErrorDetails({
  error,
  headline,
  size = "md",
  framed = false,
  testId = "error-details",
  testIds = {},
  requestIdLabel,
  copyLabel,
  role,
  className = "",
}: {
  error: ErrorView;
  /** Replaces the title as the first line (e.g. "Upload refused: Not a supported image"). */
  headline?: string;
  /** sm: a job card's small print; md: a panel or a toast. */
  size?: "sm" | "md";
  /** A red box of its own (inline in a panel); unframed inside something red already (a toast, a failed card). */
  framed?: boolean;
  testId?: string;
  /** Test ids of the parts; default `${testId}-<part>`. */
  testIds?: Partial<Record<Part, string>>;
  requestIdLabel?: string;
  copyLabel?: string;
  role?: "alert";
  className?: string;
}) {
  const { t } = useI18n();
  const id = (part: Part, fallback: string) => testIds[part] ?? `${testId}-${fallback}`;
  const small = size === "sm";
  const meta = small ? "text-[11px]" : "text-xs";
  return (
    <div
      data-testid={testId}
      data-code={error.code}
      role={role}
      className={`min-w-0 space-y-1.5 ${framed ? "rounded-lg border border-red-200 bg-red-50 p-3" : ""} ${className}`}
    >
      <div className="space-y-0.5">
        <p
          className={`${small ? "text-xs" : "text-sm"} font-medium leading-snug text-red-800`}
          data-testid={id("title", "title")}
        >
          {headline ?? error.title}
        </p>
        <p
          className={`${small ? "line-clamp-2 text-[11px]" : "text-xs"} leading-snug text-red-900/75`}
          title={small ? error.hint : undefined}
          data-testid={id("hint", "hint")}
        >
          {error.hint}
        </p>
      </div>
      {error.code !== "unknown" && (
        <div className={`flex flex-wrap items-center gap-x-1.5 gap-y-0.5 ${meta}`}>
          <code
            className="rounded bg-red-100/70 px-1 py-0.5 font-mono text-red-800"
            title={t("errors.code")}
            data-testid={id("code", "code")}
          >
            {error.code}
          </code>
          {error.httpStatus && (
            <span className="whitespace-nowrap font-mono text-ink-faint">
              {t("errors.httpStatus", { status: error.httpStatus })}
            </span>
          )}
        </div>
      )}
      {error.requestId && (
        <div className={`flex min-w-0 items-center gap-1.5 ${meta}`}>
          <span className="shrink-0 text-ink-faint">{requestIdLabel ?? t("errors.requestId")}</span>
          <span
            className="min-w-0 flex-1 truncate font-mono text-ink-soft"
            title={error.requestId}
            data-testid={id("requestId", "request-id")}
          >
            {error.requestId}
          </span>
          <CopyButton
            text={error.requestId}
            label={copyLabel ?? t("errors.copyRequestId")}
            className="-my-0.5 shrink-0"
          />
        </div>
      )}
      {error.vendorRequestId && (
        <div className={`flex min-w-0 items-center gap-1.5 ${meta}`}>
          <span className="shrink-0 text-ink-faint">{t("errors.vendorRequestId")}</span>
          <span
            className="min-w-0 flex-1 truncate font-mono text-ink-faint"
            title={error.vendorRequestId}
            data-testid={id("vendorId", "vendor-id")}
          >
            {error.vendorRequestId}
          </span>
        </div>
      )}
      {error.raw && (
        <details className={`group ${meta}`} data-testid={id("raw", "raw")}>
          <summary className="cursor-pointer select-none text-ink-soft hover:text-ink">{t("errors.raw")}</summary>
          <p className="mt-1 max-h-28 overflow-auto whitespace-pre-wrap break-words rounded bg-white/70 px-2 py-1 font-mono text-ink-soft">
            {error.raw}
          </p>
        </details>
      )}
    </div>
  );
}
