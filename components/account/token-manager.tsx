"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { controlClass } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { toastError } from "@/components/errors/toast-error";
import { errorText } from "@/components/ui/error-text";
import { IconAlert, IconPlus } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/api";
import { createToken, deleteToken } from "@/lib/client/admin-api";
import type { ApiToken } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";
import { toast } from "@/lib/stores/toasts";
import { Field, FormAlert, invalidProps } from "./form-field";
import { issuesByField } from "./format";
import { EmptyState, rowClass, TableFrame, tdClass, Th } from "./table";
import { When } from "./when";

export interface TokenOwner {
  id: string;
  name: string;
  disabled?: boolean;
}

/** The secret of a token just created: lives only as long as the panel that shows it. */
interface Revealed {
  name: string;
  owner: string | null;
  secret: string;
}

/**
 * Create, list and revoke API tokens. With `owners` (the team page) the list names each token's owner
 * and a new token may be made for anyone; without, it is the signed-in user's own.
 */
export function TokenManager({
  initialTokens,
  owners,
  selfId,
}: {
  initialTokens: ApiToken[];
  owners?: TokenOwner[];
  selfId: string;
}) {
  const { t } = useI18n();
  const [tokens, setTokens] = useState(initialTokens);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (id: string) => owners?.find((o) => o.id === id)?.name ?? null;

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await deleteToken(revoking.id);
      setTokens((ts) => ts.filter((x) => x.id !== revoking.id));
      toast.success(t("tokens.toast.revoked", { name: revoking.name }));
      setRevoking(null);
    } catch (err) {
      if (err instanceof ApiError && err.code === "not_found") {
        setTokens((ts) => ts.filter((x) => x.id !== revoking.id));
        setRevoking(null);
      } else toastError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <CreateTokenForm
        t={t}
        owners={owners}
        selfId={selfId}
        onCreated={(created, ownerId) => {
          setTokens((ts) => [created.token, ...ts.filter((x) => x.id !== created.token.id)]);
          setRevealed({
            name: created.token.name,
            owner: owners && ownerId !== selfId ? nameOf(ownerId) : null,
            secret: created.secret,
          });
        }}
      />
      {revealed && <SecretPanel t={t} revealed={revealed} onDone={() => setRevealed(null)} />}
      {tokens.length === 0 ? (
        <EmptyState testId="tokens-empty">{t(owners ? "tokens.emptyTeam" : "tokens.empty")}</EmptyState>
      ) : (
        <TableFrame testId="tokens-table" minWidth={owners ? "min-w-[720px]" : "min-w-[560px]"}>
          <thead>
            <tr>
              <Th>{t("tokens.col.name")}</Th>
              {owners && <Th>{t("tokens.col.owner")}</Th>}
              <Th>{t("tokens.col.prefix")}</Th>
              <Th>{t("tokens.col.created")}</Th>
              <Th>{t("tokens.col.lastUsed")}</Th>
              <Th className="text-right">
                <span className="sr-only">{t("tokens.revoke")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id} className={rowClass} data-testid="token-row" data-token-id={tok.id}>
                <td className={`${tdClass} max-w-56`}>
                  <p className="truncate font-medium text-ink" title={tok.name}>
                    {tok.name}
                  </p>
                </td>
                {owners && (
                  <td className={`${tdClass} max-w-44`}>
                    <p className="truncate text-ink-soft" title={nameOf(tok.userId) ?? tok.userId}>
                      {nameOf(tok.userId) ?? t("tokens.unknownOwner")}
                      {tok.userId === selfId && <span className="text-ink-faint"> · {t("team.you")}</span>}
                    </p>
                  </td>
                )}
                <td className={tdClass}>
                  <code className="whitespace-nowrap rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-ink-soft">
                    {tok.prefix}…
                  </code>
                </td>
                <td className={`${tdClass} text-ink-soft`}>
                  <When iso={tok.createdAt} mode="date" />
                </td>
                <td className={`${tdClass} text-ink-soft`} data-testid="token-last-used">
                  {tok.lastUsedAt ? (
                    <When iso={tok.lastUsedAt} mode="relative" />
                  ) : (
                    <span className="text-ink-faint">{t("tokens.neverUsed")}</span>
                  )}
                </td>
                <td className={`${tdClass} text-right`}>
                  <Button
                    variant="ghost"
                    className="px-2.5 py-1 text-xs text-red-700 hover:bg-red-50 hover:text-red-800"
                    data-testid="revoke-token"
                    onClick={() => setRevoking(tok)}
                  >
                    {t("tokens.revoke")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t("tokens.confirm.title", { name: revoking?.name ?? "" })}
        body={t("tokens.confirm.body")}
        confirmLabel={t("tokens.confirm.ok")}
        cancelLabel={t("account.cancel")}
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      />
    </div>
  );
}

function CreateTokenForm({
  t,
  owners,
  selfId,
  onCreated,
}: {
  t: Translate;
  owners?: TokenOwner[];
  selfId: string;
  onCreated: (created: { token: ApiToken; secret: string }, ownerId: string) => void;
}) {
  const [name, setName] = useState("");
  const [ownerId, setOwnerId] = useState(selfId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const pickable = owners?.filter((o) => !o.disabled || o.id === ownerId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const created = await createToken({ name, ...(owners && ownerId !== selfId ? { userId: ownerId } : {}) });
      setName("");
      onCreated(created, ownerId);
    } catch (err) {
      const fields = err instanceof ApiError ? issuesByField(err.details) : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2" data-testid="create-token-form">
      <div className="flex flex-wrap items-end gap-3">
        {pickable && (
          <Field id="token-owner" label={t("tokens.field.owner")} error={errors.userId} className="w-48">
            <select
              id="token-owner"
              data-testid="token-owner"
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              className={controlClass(Boolean(errors.userId), "w-full")}
              {...invalidProps("token-owner", errors.userId)}
            >
              {pickable.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id === selfId ? t("tokens.ownerSelf", { name: o.name }) : o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="token-name" label={t("tokens.field.name")} error={errors.name} className="min-w-48 flex-1">
          <input
            id="token-name"
            data-testid="token-name"
            value={name}
            maxLength={100}
            autoComplete="off"
            placeholder={t("tokens.field.namePlaceholder")}
            onChange={(e) => setName(e.target.value)}
            className={controlClass(Boolean(errors.name), "w-full")}
            {...invalidProps("token-name", errors.name)}
          />
        </Field>
        <Button type="submit" variant="primary" data-testid="create-token" disabled={busy || name.trim() === ""}>
          <IconPlus size={14} />
          {owners ? t("tokens.createFor") : t("tokens.create")}
        </Button>
      </div>
      <FormAlert message={failure} testId="create-token-error" />
    </form>
  );
}

function SecretPanel({ t, revealed, onDone }: { t: Translate; revealed: Revealed; onDone: () => void }) {
  return (
    <div
      role="status"
      data-testid="token-secret-panel"
      className="flex flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 p-4"
    >
      <div className="flex items-start gap-2.5">
        <IconAlert size={16} className="mt-0.5 shrink-0 text-amber-700" />
        <div className="min-w-0 space-y-0.5">
          <p className="text-sm font-medium text-amber-950">
            {revealed.owner
              ? t("tokens.secret.titleFor", { name: revealed.name, owner: revealed.owner })
              : t("tokens.secret.title", { name: revealed.name })}
          </p>
          <p className="text-xs leading-snug text-amber-900">{t("tokens.secret.once")}</p>
        </div>
      </div>
      <div className="flex items-center gap-2 rounded-lg border border-amber-200 bg-white px-3 py-2">
        <code data-testid="token-secret" className="min-w-0 flex-1 select-all break-all font-mono text-xs text-ink">
          {revealed.secret}
        </code>
        <CopyButton text={revealed.secret} label={t("tokens.secret.copy")} className="shrink-0" />
      </div>
      <div className="flex justify-end">
        <Button data-testid="token-secret-done" onClick={onDone}>
          {t("tokens.secret.done")}
        </Button>
      </div>
    </div>
  );
}
