"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastError } from "@/components/errors/toast-error";
import { ApiError } from "@/lib/client/api";
import { revokeAllSessions, revokeSession, type SessionInfo } from "@/lib/client/admin-api";
import type { Translate } from "@/lib/i18n";
import { toast } from "@/lib/stores/toasts";
import { Pill } from "./badges";
import { parseUserAgent } from "./format";
import { EmptyState, rowClass, TableFrame, tdClass, Th } from "./table";
import { When } from "./when";

function deviceLabel(t: Translate, ua: string | null): string {
  const { browser, os } = parseUserAgent(ua);
  if (browser && os) return t("sessions.device", { browser, os });
  return browser ?? os ?? t("sessions.unknownDevice");
}

/** Where you are signed in: end one session, or all of them (this one too, then back to sign-in). */
export function SessionsCard({
  sessions,
  onChange,
}: {
  sessions: SessionInfo[];
  onChange: (next: (s: SessionInfo[]) => SessionInfo[]) => void;
}) {
  const { t } = useI18n();
  const [pending, setPending] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busyAll, setBusyAll] = useState(false);

  async function revoke(s: SessionInfo) {
    setPending(s.id);
    try {
      await revokeSession(s.id);
      toast.success(t("sessions.toast.revoked"));
      onChange((list) => list.filter((x) => x.id !== s.id));
    } catch (err) {
      // Already gone (expired, or ended elsewhere): the list was just out of date.
      if (err instanceof ApiError && err.code === "not_found") onChange((list) => list.filter((x) => x.id !== s.id));
      else toastError(t, err);
    } finally {
      setPending(null);
    }
  }

  async function signOutEverywhere() {
    setBusyAll(true);
    try {
      await revokeAllSessions();
      // A full load: this browser's session is gone, so every server component must render signed out.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    } catch (err) {
      setBusyAll(false);
      setConfirmAll(false);
      toastError(t, err);
    }
  }

  return (
    <Card
      title={t("sessions.title")}
      body={t("sessions.body")}
      testId="sessions-card"
      action={
        <Button
          variant="secondary"
          className="shrink-0 text-red-700 hover:text-red-800"
          data-testid="sign-out-everywhere"
          onClick={() => setConfirmAll(true)}
        >
          {t("sessions.signOutEverywhere")}
        </Button>
      }
    >
      {sessions.length === 0 ? (
        <EmptyState testId="sessions-empty">{t("sessions.empty")}</EmptyState>
      ) : (
        <TableFrame testId="sessions-table" minWidth="min-w-[600px]">
          <thead>
            <tr>
              <Th>{t("sessions.col.device")}</Th>
              <Th>{t("sessions.col.address")}</Th>
              <Th>{t("sessions.col.signedIn")}</Th>
              <Th>{t("sessions.col.lastSeen")}</Th>
              <Th className="text-right">
                <span className="sr-only">{t("sessions.revoke")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr
                key={s.id}
                className={`${rowClass} ${s.current ? "bg-brand-50/40" : ""}`}
                data-testid="session-row"
                data-current={s.current || undefined}
              >
                <td className={`${tdClass} max-w-64`}>
                  <div className="flex min-w-0 items-center gap-2">
                    <span className="truncate font-medium text-ink" title={s.userAgent ?? undefined}>
                      {deviceLabel(t, s.userAgent)}
                    </span>
                    {s.current && (
                      <Pill tone="brand" testId="this-device">
                        {t("sessions.thisDevice")}
                      </Pill>
                    )}
                  </div>
                </td>
                <td className={`${tdClass} font-mono text-xs text-ink-soft`}>
                  {s.ipAddress ?? <span className="font-sans text-ink-faint">{t("sessions.noAddress")}</span>}
                </td>
                <td className={`${tdClass} text-ink-soft`}>
                  <When iso={s.createdAt} mode="date" />
                </td>
                <td className={`${tdClass} text-ink-soft`}>
                  {s.current ? t("sessions.activeNow") : <When iso={s.lastSeenAt} mode="relative" />}
                </td>
                <td className={`${tdClass} text-right`}>
                  {!s.current && (
                    <Button
                      variant="ghost"
                      className="px-2.5 py-1 text-xs text-red-700 hover:bg-red-50 hover:text-red-800"
                      data-testid="revoke-session"
                      disabled={pending === s.id}
                      onClick={() => void revoke(s)}
                    >
                      {t("sessions.revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <ConfirmDialog
        open={confirmAll}
        title={t("sessions.confirm.title")}
        body={t("sessions.confirm.body", { count: sessions.length })}
        confirmLabel={t("sessions.confirm.ok")}
        cancelLabel={t("account.cancel")}
        busy={busyAll}
        onConfirm={() => void signOutEverywhere()}
        onCancel={() => setConfirmAll(false)}
      />
    </Card>
  );
}
