import { Button } from "@/components/ui/button";
import { IconRetry } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { ModelsCatalog, ProviderSummary } from "@/lib/contracts/models";
import type { Locale, Translate } from "@/lib/i18n";
import { Card } from "./field";

function when(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

function ProviderState({ t, locale, p }: { t: Translate; locale: Locale; p: ProviderSummary }) {
  const { catalog } = p;
  const tone = !p.configured ? "bg-zinc-300" : catalog.ok ? "bg-emerald-500" : "bg-amber-500";
  let text: string;
  if (!p.configured) text = t("settings.lists.unconfigured");
  else if (catalog.ok && catalog.refreshedAt)
    text = t("settings.lists.read", { when: when(locale, catalog.refreshedAt) });
  else if (catalog.error) text = t("settings.lists.failed", { error: catalog.error });
  else text = t("settings.lists.never");
  return (
    <li
      className="flex items-start gap-2.5 py-2 first:pt-0 last:pb-0"
      data-testid="provider-catalog"
      data-provider={p.id}
      data-ok={catalog.ok}
    >
      <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${tone}`} />
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-1.5 text-xs font-medium text-ink">
          {p.label}
          {p.simulated && (
            <span className="rounded-full bg-amber-100 px-1.5 py-px text-[10px] font-medium text-amber-900">
              {t("sim.badge")}
            </span>
          )}
        </p>
        {/* The time is formatted in the reader's time zone, which the server cannot know. */}
        <p className="text-[11px] leading-snug text-ink-soft" suppressHydrationWarning>
          {text}
        </p>
      </div>
    </li>
  );
}

/** Each provider's model list: when it was read, or why not; and a button to read them all again. */
export function ListsCard({
  t,
  locale,
  catalog,
  refreshing,
  onRefresh,
}: {
  t: Translate;
  locale: Locale;
  catalog: ModelsCatalog;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  return (
    <Card
      title={t("settings.lists.title")}
      body={t("settings.lists.body")}
      testId="settings-lists"
      action={
        <Button className="shrink-0 px-2.5 py-1.5 text-xs" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? <Spinner className="size-3" /> : <IconRetry size={12} />}
          {refreshing ? t("settings.lists.refreshing") : t("settings.lists.refresh")}
        </Button>
      }
    >
      <ul className="divide-y divide-zinc-100">
        {catalog.providers.map((p) => (
          <ProviderState key={p.id} t={t} locale={locale} p={p} />
        ))}
      </ul>
    </Card>
  );
}
