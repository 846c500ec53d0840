"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Pill } from "@/components/account/badges";
import { rowClass, TableFrame, tdClass, Th } from "@/components/account/table";
import { When } from "@/components/account/when";
import { useI18n } from "@/components/i18n/locale-provider";
import { controlClass } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastError } from "@/components/errors/toast-error";
import { updateUser } from "@/lib/client/admin-api";
import { ROLES, type Role, type User } from "@/lib/contracts/access";
import { toast } from "@/lib/stores/toasts";

interface Toggle {
  user: User;
  disabled: boolean;
}

/**
 * Everyone with an account: change a role at once, disable or enable after a confirm. The server keeps
 * the last active admin (409); its message is shown as it is.
 */
export function UsersTable({
  users,
  selfId,
  onUpdated,
}: {
  users: User[];
  selfId: string;
  onUpdated: (user: User) => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [toggle, setToggle] = useState<Toggle | null>(null);

  async function patch(user: User, body: { role?: Role; disabled?: boolean }): Promise<void> {
    setPending(user.id);
    try {
      const { user: next } = await updateUser(user.id, body);
      onUpdated(next);
      if (next.id === selfId && next.disabled) {
        // Disabling yourself ended your sessions: a full load, so every server component renders signed out.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
      } else if (next.id === selfId && next.role !== "admin") {
        // No longer an admin: this page is not yours any more.
        router.refresh();
      }
      if (body.role) toast.success(t("team.toast.role", { name: next.name, role: t(`role.${next.role}`) }));
      else toast.success(t(next.disabled ? "team.toast.disabled" : "team.toast.enabled", { name: next.name }));
    } catch (err) {
      toastError(t, err);
    } finally {
      setPending(null);
    }
  }

  async function confirmToggle() {
    if (!toggle) return;
    await patch(toggle.user, { disabled: toggle.disabled });
    setToggle(null);
  }

  return (
    <>
      <TableFrame testId="users-table" minWidth="min-w-[820px]">
        <thead>
          <tr>
            <Th>{t("team.col.name")}</Th>
            <Th>{t("team.col.email")}</Th>
            <Th>{t("team.col.role")}</Th>
            <Th>{t("team.col.status")}</Th>
            <Th>{t("team.col.created")}</Th>
            <Th className="text-right">
              <span className="sr-only">{t("team.col.actions")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const busy = pending === u.id;
            const self = u.id === selfId;
            return (
              <tr
                key={u.id}
                className={`${rowClass} ${u.disabled ? "bg-zinc-50/80" : ""}`}
                data-testid={`user-row-${u.email}`}
                data-user-id={u.id}
                data-disabled={u.disabled || undefined}
              >
                <td className={`${tdClass} max-w-56`}>
                  <div className="flex min-w-0 items-center gap-2">
                    <span
                      aria-hidden
                      className={`grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                        u.disabled ? "bg-zinc-200 text-ink-faint" : "bg-brand-100 text-brand-700"
                      }`}
                    >
                      {u.name.slice(0, 1).toUpperCase()}
                    </span>
                    <span
                      className={`truncate font-medium ${u.disabled ? "text-ink-soft" : "text-ink"}`}
                      title={u.name}
                    >
                      {u.name}
                    </span>
                    {self && <Pill testId="user-self">{t("team.you")}</Pill>}
                  </div>
                </td>
                <td className={`${tdClass} max-w-64`}>
                  <p className="truncate text-ink-soft" title={u.email}>
                    {u.email}
                  </p>
                </td>
                <td className={tdClass}>
                  <select
                    data-testid="role-select"
                    aria-label={t("team.roleOf", { name: u.name })}
                    value={u.role}
                    disabled={busy}
                    onChange={(e) => void patch(u, { role: e.target.value as Role })}
                    className={controlClass(false, "w-32 py-1.5")}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={tdClass}>
                  <Pill tone={u.disabled ? "red" : "emerald"} testId="user-status">
                    <span
                      aria-hidden
                      className={`size-1.5 rounded-full ${u.disabled ? "bg-red-500" : "bg-emerald-500"}`}
                    />
                    {t(u.disabled ? "team.status.disabled" : "team.status.active")}
                  </Pill>
                </td>
                <td className={`${tdClass} text-ink-soft`}>
                  <When iso={u.createdAt} mode="date" />
                </td>
                <td className={`${tdClass} text-right`}>
                  {u.disabled ? (
                    <Button
                      className="px-2.5 py-1 text-xs"
                      data-testid="enable-user"
                      disabled={busy}
                      onClick={() => setToggle({ user: u, disabled: false })}
                    >
                      {t("team.enable")}
                    </Button>
                  ) : (
                    <Button
                      variant="ghost"
                      className="px-2.5 py-1 text-xs text-red-700 hover:bg-red-50 hover:text-red-800"
                      data-testid="disable-user"
                      disabled={busy}
                      onClick={() => setToggle({ user: u, disabled: true })}
                    >
                      {t("team.disable")}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
      <ConfirmDialog
        open={toggle !== null}
        title={t(toggle?.disabled === false ? "team.confirm.enableTitle" : "team.confirm.disableTitle", {
          name: toggle?.user.name ?? "",
        })}
        body={
          toggle?.disabled === false
            ? t("team.confirm.enableBody")
            : t(toggle?.user.id === selfId ? "team.confirm.disableSelfBody" : "team.confirm.disableBody")
        }
        confirmLabel={t(toggle?.disabled === false ? "team.enable" : "team.disable")}
        cancelLabel={t("account.cancel")}
        busy={pending !== null}
        onConfirm={() => void confirmToggle()}
        onCancel={() => setToggle(null)}
      />
    </>
  );
}
