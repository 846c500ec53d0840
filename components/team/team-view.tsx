"use client";

import { useState } from "react";
import { Pill } from "@/components/account/badges";
import { TokenManager } from "@/components/account/token-manager";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card } from "@/components/settings/field";
import type { ApiToken, User } from "@/lib/contracts/access";
import { AddUserCard } from "./add-user-card";
import { UsersTable } from "./users-table";

/** /settings/users: the team's accounts, a form for a new one, and every API token (admins only). */
export function TeamView({
  initialUsers,
  initialTokens,
  selfId,
}: {
  initialUsers: User[];
  initialTokens: ApiToken[];
  selfId: string;
}) {
  const { t } = useI18n();
  const [users, setUsers] = useState(initialUsers);
  const active = users.filter((u) => !u.disabled).length;

  return (
    <div className="space-y-6" data-testid="team-page">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("team.title")}</h1>
        <p className="mt-1 text-sm text-ink-soft">{t("team.subtitle")}</p>
      </div>
      <Card
        title={t("team.users.title")}
        body={t("team.users.body")}
        testId="users-card"
        action={
          <Pill>
            {t("team.users.count", { count: users.length })} · {t("team.users.active", { count: active })}
          </Pill>
        }
      >
        <UsersTable
          users={users}
          selfId={selfId}
          onUpdated={(next) => setUsers((us) => us.map((u) => (u.id === next.id ? next : u)))}
        />
      </Card>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <AddUserCard onCreated={(user) => setUsers((us) => [...us.filter((u) => u.id !== user.id), user])} />
        <Card title={t("team.tokens.title")} body={t("team.tokens.body")} testId="team-tokens-card">
          <TokenManager
            initialTokens={initialTokens}
            owners={users.map((u) => ({ id: u.id, name: u.name, disabled: u.disabled }))}
            selfId={selfId}
          />
        </Card>
      </div>
    </div>
  );
}
