"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { EmptyState } from "@/components/account/table";
import { useHydrated } from "@/components/account/when";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/errors/toast-error";
import { errorText } from "@/components/ui/error-text";
import { IconDownload } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { auditCsvUrl, listAudit, listTeam, type TeamMember } from "@/lib/client/admin-api";
import type { AuditEvent } from "@/lib/contracts/access";
import { AuditFilterBar } from "./audit-filters";
import { apiQueryOf, filtersFromSearch, filtersToSearch, hasFilters, type AuditFilters } from "./audit-query";
import { AuditTable } from "./audit-table";

const PAGE_SIZE = 50;

/** The pages read so far for one filtered view (`search`: its query string). */
interface Loaded {
  search: string;
  events: AuditEvent[];
  nextCursor: string | null;
  error: string | null;
}

/**
 * /audit: who did what, newest first. The filters live in the URL (router.replace), so a filtered view
 * can be shared and survives a reload; the table reads the view's first page whenever they change.
 */
export function AuditLog() {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { names } = useSession();
  const hydrated = useHydrated();
  const [navigating, startNavigation] = useTransition();

  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const search = filtersToSearch(filters);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [members, setMembers] = useState<TeamMember[] | null>(null);

  useEffect(() => {
    let live = true;
    const query = apiQueryOf(filtersFromSearch(new URLSearchParams(search)));
    listAudit({ ...query, limit: PAGE_SIZE }).then(
      (page) => live && setLoaded({ search, events: page.events, nextCursor: page.nextCursor, error: null }),
      (err: unknown) => live && setLoaded({ search, events: [], nextCursor: null, error: errorText(t, err) }),
    );
    return () => {
      live = false;
    };
  }, [search, attempt, t]);

  useEffect(() => {
    // The directory from the server's render is enough to start; this catches anyone added since.
    listTeam().then(
      (r) => setMembers(r.members),
      () => undefined,
    );
  }, []);

  const team = useMemo(() => members ?? Object.entries(names).map(([id, name]) => ({ id, name })), [members, names]);
  const nameOf = (id: string) => team.find((m) => m.id === id)?.name ?? names[id];

  const current = loaded?.search === search ? loaded : null;
  const loading = current === null || navigating;

  function setFilters(patch: Partial<AuditFilters>) {
    const qs = filtersToSearch({ ...filters, ...patch });
    startNavigation(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  async function loadMore() {
    if (!current?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listAudit({ ...apiQueryOf(filters), limit: PAGE_SIZE, cursor: current.nextCursor });
      setLoaded((l) =>
        l && l.search === current.search
          ? { ...l, events: [...l.events, ...page.events], nextCursor: page.nextCursor }
          : l,
      );
    } catch (err) {
      toastError(t, err);
    } finally {
      setLoadingMore(false);
    }
  }

  const shown = current ?? (loaded && !loaded.error ? loaded : null);

  return (
    <div className="space-y-6" data-testid="audit-page">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("audit.title")}</h1>
          <p className="mt-1 text-sm text-ink-soft">{t("audit.subtitle")}</p>
        </div>
        <a
          data-testid="audit-csv"
          href={hydrated ? auditCsvUrl(apiQueryOf(filters)) : undefined}
          aria-disabled={!hydrated || undefined}
          download
          className="inline-flex items-center justify-center gap-1.5 rounded-lg border border-zinc-200 bg-white px-3.5 py-2 text-sm font-medium text-ink shadow-card hover:border-zinc-300 hover:bg-zinc-50"
        >
          <IconDownload size={15} />
          {hasFilters(filters) ? t("audit.csvFiltered") : t("audit.csv")}
        </a>
      </div>
      <Card title={t("audit.filter.title")} testId="audit-filters-card">
        <AuditFilterBar t={t} filters={filters} members={team} onChange={setFilters} />
      </Card>
      <Card
        title={t("audit.events.title")}
        testId="audit-events-card"
        action={
          <span className="flex shrink-0 items-center gap-2 text-xs text-ink-soft" aria-live="polite">
            {loading && <Spinner className="size-3.5 text-brand-600" />}
            {shown && !shown.error && (
              <span data-testid="audit-count">
                {t(shown.nextCursor ? "audit.count.more" : "audit.count", { count: shown.events.length })}
              </span>
            )}
          </span>
        }
      >
        {current?.error ? (
          <div role="alert" className="flex items-center justify-between gap-3 rounded-lg bg-red-50 px-4 py-3 text-sm">
            <p className="text-red-800">{t("audit.error", { message: current.error })}</p>
            <Button onClick={() => setAttempt((n) => n + 1)}>{t("audit.retry")}</Button>
          </div>
        ) : !shown ? (
          <p className="flex items-center gap-2 py-6 text-sm text-ink-soft">
            <Spinner className="size-4 text-brand-600" />
            {t("audit.loading")}
          </p>
        ) : shown.events.length === 0 ? (
          <EmptyState testId="audit-empty">{t(hasFilters(filters) ? "audit.emptyFiltered" : "audit.empty")}</EmptyState>
        ) : (
          <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <AuditTable t={t} events={shown.events} nameOf={nameOf} />
            {shown.nextCursor && (
              <div className="mt-4 flex justify-center">
                <Button data-testid="audit-load-more" disabled={loadingMore || loading} onClick={() => void loadMore()}>
                  {loadingMore && <Spinner className="size-3.5" />}
                  {t("audit.loadMore")}
                </Button>
              </div>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
