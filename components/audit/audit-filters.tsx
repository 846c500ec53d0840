"use client";

import { controlClass } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import type { TeamMember } from "@/lib/client/admin-api";
import { AUDIT_ACTIONS } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";
import { hasFilters, type AuditFilters } from "./audit-query";

/** Action, person and day range; each change lands in the URL at once. */
export function AuditFilterBar({
  t,
  filters,
  members,
  onChange,
}: {
  t: Translate;
  filters: AuditFilters;
  members: TeamMember[];
  onChange: (patch: Partial<AuditFilters>) => void;
}) {
  const unknownUser = filters.userId && !members.some((m) => m.id === filters.userId);
  const label = "text-xs font-medium text-ink-soft";
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <div className="flex min-w-52 flex-col gap-1">
        <label htmlFor="audit-action" className={label}>
          {t("audit.filter.action")}
        </label>
        <select
          id="audit-action"
          data-testid="audit-filter-action"
          value={filters.action ?? ""}
          onChange={(e) => onChange({ action: (e.target.value || undefined) as AuditFilters["action"] })}
          className={controlClass(false, "h-[38px] w-full")}
        >
          <option value="">{t("audit.filter.allActions")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.action.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-44 flex-col gap-1">
        <label htmlFor="audit-user" className={label}>
          {t("audit.filter.user")}
        </label>
        <select
          id="audit-user"
          data-testid="audit-filter-user"
          value={filters.userId ?? ""}
          onChange={(e) => onChange({ userId: e.target.value || undefined })}
          className={controlClass(false, "h-[38px] w-full")}
        >
          <option value="">{t("audit.filter.allUsers")}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
          {unknownUser && <option value={filters.userId}>{t("audit.filter.unknownUser")}</option>}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className={label}>
          {t("audit.filter.from")}
        </label>
        <input
          id="audit-from"
          type="date"
          data-testid="audit-filter-from"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
          className={controlClass(false, "h-[38px] w-40")}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className={label}>
          {t("audit.filter.to")}
        </label>
        <input
          id="audit-to"
          type="date"
          data-testid="audit-filter-to"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
          className={controlClass(false, "h-[38px] w-40")}
        />
      </div>
      {hasFilters(filters) && (
        <Button
          variant="ghost"
          data-testid="audit-filter-clear"
          onClick={() => onChange({ action: undefined, userId: undefined, from: undefined, to: undefined })}
        >
          {t("audit.filter.clear")}
        </Button>
      )}
    </div>
  );
}
