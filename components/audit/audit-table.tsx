import { shortId } from "@/components/account/format";
import { rowClass, TableFrame, tdClass, Th } from "@/components/account/table";
import { When } from "@/components/account/when";
import type { AuditEvent } from "@/lib/contracts/access";
import { hasMessage, type Translate } from "@/lib/i18n";
import { detailEntries, idsSummary } from "./audit-format";

const TONE: Partial<Record<string, string>> = {
  sign_in_failed: "bg-amber-500",
  "asset.delete": "bg-red-500",
  "project.delete": "bg-red-500",
  "token.delete": "bg-red-500",
  "session.revoke": "bg-red-500",
  "user.create": "bg-brand-500",
  "user.update": "bg-brand-500",
  "token.create": "bg-brand-500",
  "settings.update": "bg-brand-500",
};

export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/** Newest first: when, who, what, on which, and the change's details in short. */
export function AuditTable({
  t,
  events,
  nameOf,
}: {
  t: Translate;
  events: AuditEvent[];
  nameOf: (userId: string) => string | undefined;
}) {
  return (
    <TableFrame testId="audit-table" minWidth="min-w-[1000px]">
      <colgroup>
        <col className="w-48" />
        <col className="w-44" />
        <col className="w-52" />
        <col className="w-56" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <Th>{t("audit.col.time")}</Th>
          <Th>{t("audit.col.user")}</Th>
          <Th>{t("audit.col.action")}</Th>
          <Th>{t("audit.col.target")}</Th>
          <Th>{t("audit.col.details")}</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const ids = idsSummary(e.targetIds, shortId);
          const details = detailEntries(e.details, nameOf);
          const target = `audit.target.${e.targetType}`;
          return (
            <tr
              key={e.id}
              className={`${rowClass} align-top`}
              data-testid="audit-row"
              data-action={e.action}
              data-event-id={e.id}
            >
              <td className={`${tdClass} align-top`}>
                <When iso={e.at} className="block text-ink" />
                <When iso={e.at} mode="relative" className="block text-[11px] text-ink-faint" />
              </td>
              <td className={`${tdClass} max-w-44 align-top`}>
                <UserCell t={t} event={e} nameOf={nameOf} />
              </td>
              <td className={`${tdClass} align-top`}>
                <span className="flex items-center gap-2" title={e.action}>
                  <span aria-hidden className={`size-1.5 shrink-0 rounded-full ${TONE[e.action] ?? "bg-zinc-300"}`} />
                  <span className="font-medium text-ink">{actionLabel(t, e.action)}</span>
                </span>
              </td>
              <td className={`${tdClass} align-top`}>
                <p className="text-ink-soft">{hasMessage(target) ? t(target) : e.targetType}</p>
                {ids.text && (
                  <p className="truncate font-mono text-[11px] text-ink-faint" title={ids.full} data-testid="audit-ids">
                    {ids.text}
                  </p>
                )}
              </td>
              <td className={`${tdClass} align-top text-xs text-ink-soft`}>
                {details.length === 0 ? (
                  <span className="text-ink-faint">—</span>
                ) : (
                  <p className="line-clamp-3 break-words" title={JSON.stringify(e.details, null, 1)}>
                    {details.map((d, i) => (
                      <span key={d.key}>
                        {i > 0 && <span className="text-ink-faint"> · </span>}
                        <span className="text-ink-faint">{d.key}:</span> <span className="text-ink">{d.value}</span>
                      </span>
                    ))}
                  </p>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}

function UserCell({
  t,
  event,
  nameOf,
}: {
  t: Translate;
  event: AuditEvent;
  nameOf: (userId: string) => string | undefined;
}) {
  if (event.userId === null) {
    return event.details.via === "admin_token" ? (
      <span className="font-medium text-ink-soft">{t("auth.menu.tokenActor")}</span>
    ) : (
      <span className="text-ink-faint">—</span>
    );
  }
  const name = nameOf(event.userId);
  return (
    <span className="block min-w-0">
      <span className="block truncate text-ink" title={name ?? event.userId}>
        {name ?? shortId(event.userId)}
      </span>
      {event.details.via === "token" && <span className="block text-[11px] text-ink-faint">{t("audit.viaToken")}</span>}
    </span>
  );
}
