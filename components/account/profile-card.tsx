"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { Card } from "@/components/settings/field";
import type { User } from "@/lib/contracts/access";
import { RoleBadge } from "./badges";
import { When } from "./when";

/** Who you are here: name, email, role. Only an admin changes them (on the team page). */
export function ProfileCard({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <Card title={t("account.profile.title")} body={t("account.profile.body")} testId="profile-card">
      <div className="flex items-center gap-3">
        <span
          aria-hidden
          className="grid size-11 shrink-0 place-items-center rounded-full bg-brand-100 text-base font-semibold text-brand-700"
        >
          {user.name.slice(0, 1).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-ink" title={user.name} data-testid="profile-name">
            {user.name}
          </p>
          <p className="truncate text-sm text-ink-soft" title={user.email} data-testid="profile-email">
            {user.email}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 border-t border-zinc-100 pt-4 text-sm">
        <dt className="text-ink-soft">{t("account.profile.role")}</dt>
        <dd>
          <RoleBadge t={t} role={user.role} testId="profile-role" />
        </dd>
        <dt className="text-ink-soft">{t("account.profile.since")}</dt>
        <dd className="text-ink">
          <When iso={user.createdAt} mode="date" />
        </dd>
      </dl>
      <p className="text-[11px] leading-snug text-ink-faint">{t(`account.profile.roleHint.${user.role}`)}</p>
    </Card>
  );
}
