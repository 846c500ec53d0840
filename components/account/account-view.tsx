"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card } from "@/components/settings/field";
import { listSessions, type SessionInfo } from "@/lib/client/admin-api";
import type { ApiToken, User } from "@/lib/contracts/access";
import { PasswordCard } from "./password-card";
import { ProfileCard } from "./profile-card";
import { SessionsCard } from "./sessions-card";
import { TokenManager } from "./token-manager";

/** /account: your profile, password, sessions and API tokens; every role has one. */
export function AccountView({
  user,
  initialSessions,
  initialTokens,
}: {
  user: User;
  initialSessions: SessionInfo[];
  initialTokens: ApiToken[];
}) {
  const { t } = useI18n();
  const [sessions, setSessions] = useState(initialSessions);

  async function reloadSessions() {
    try {
      setSessions((await listSessions()).sessions);
    } catch {
      // The list stays as it was; the next visit reads it again.
    }
  }

  return (
    <div className="space-y-6" data-testid="account-page">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("account.title")}</h1>
        <p className="mt-1 text-sm text-ink-soft">{t("account.subtitle")}</p>
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <ProfileCard user={user} />
          <PasswordCard email={user.email} onChanged={(ended) => ended && void reloadSessions()} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <SessionsCard sessions={sessions} onChange={setSessions} />
          <Card title={t("tokens.title")} testId="tokens-card">
            <p className="-mt-2 text-xs leading-relaxed text-ink-soft" data-testid="tokens-usage">
              {t("tokens.usage.before", { role: t(`role.${user.role}`) })}{" "}
              <code className="whitespace-nowrap rounded bg-zinc-100 px-1 py-px font-mono text-[11px] text-ink">
                Authorization: Bearer …
              </code>{" "}
              {t("tokens.usage.middle")}{" "}
              <code className="whitespace-nowrap rounded bg-zinc-100 px-1 py-px font-mono text-[11px] text-ink">
                npm run cli -- --server … --token …
              </code>
              {t("tokens.usage.after")}
            </p>
            <TokenManager initialTokens={initialTokens} selfId={user.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
