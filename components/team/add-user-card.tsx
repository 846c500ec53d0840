"use client";

import { useState, type FormEvent } from "react";
import { Field, FormAlert, invalidProps } from "@/components/account/form-field";
import { issuesByField } from "@/components/account/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card, controlClass } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { errorText } from "@/components/ui/error-text";
import { IconCheck, IconPlus } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/api";
import { createUser } from "@/lib/client/admin-api";
import { PASSWORD_MIN, ROLES, type Role, type User } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";
import { toast } from "@/lib/stores/toasts";
import { generatePassword } from "./password";

type FieldName = "name" | "email" | "role" | "password";
type Errors = Partial<Record<FieldName, string>>;

/** What the admin passes on to the new user; gone when dismissed or on the next user. */
interface Created {
  name: string;
  email: string;
  password: string;
}

/** A new account with a role and an initial password the admin hands over (generated, or typed). */
export function AddUserCard({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("creator");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const clear = (k: FieldName) => {
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const { user } = await createUser({ name, email, role, password });
      onCreated(user);
      setCreated({ name: user.name, email: user.email, password });
      toast.success(t("team.toast.created", { name: user.name }));
      setName("");
      setEmail("");
      setRole("creator");
      setPassword("");
      setShowPassword(false);
    } catch (err) {
      if (err instanceof ApiError && err.code === "conflict") {
        setErrors({ email: t("team.add.emailTaken") });
      } else if (err instanceof ApiError && Object.keys(issuesByField(err.details)).length > 0) {
        const fields = issuesByField(err.details);
        setErrors({ name: fields.name, email: fields.email, role: fields.role, password: fields.password });
      } else {
        setFailure(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t("team.add.title")} body={t("team.add.body")} testId="add-user-card">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3" data-testid="add-user-form">
        <Field id="new-user-name" label={t("auth.field.name")} error={errors.name}>
          <input
            id="new-user-name"
            data-testid="new-user-name"
            value={name}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => {
              setName(e.target.value);
              clear("name");
            }}
            className={controlClass(Boolean(errors.name), "w-full")}
            {...invalidProps("new-user-name", errors.name)}
          />
        </Field>
        <Field id="new-user-email" label={t("auth.field.email")} error={errors.email}>
          <input
            id="new-user-email"
            data-testid="new-user-email"
            type="email"
            value={email}
            maxLength={254}
            autoComplete="off"
            onChange={(e) => {
              setEmail(e.target.value);
              clear("email");
            }}
            className={controlClass(Boolean(errors.email), "w-full")}
            {...invalidProps("new-user-email", errors.email)}
          />
        </Field>
        <Field id="new-user-role" label={t("team.col.role")} hint={t(`team.add.roleHint.${role}`)} error={errors.role}>
          <select
            id="new-user-role"
            data-testid="new-user-role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              clear("role");
            }}
            className={controlClass(Boolean(errors.role), "w-full")}
            {...invalidProps("new-user-role", errors.role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-user-password" label={t("team.add.password")} error={errors.password}>
          <div className="flex gap-2">
            <input
              id="new-user-password"
              data-testid="new-user-password"
              type={showPassword ? "text" : "password"}
              value={password}
              maxLength={128}
              autoComplete="new-password"
              spellCheck={false}
              onChange={(e) => {
                setPassword(e.target.value);
                clear("password");
              }}
              className={controlClass(Boolean(errors.password), "min-w-0 flex-1 font-mono")}
              {...invalidProps("new-user-password", errors.password)}
            />
            <Button
              data-testid="generate-password"
              className="shrink-0"
              onClick={() => {
                setPassword(generatePassword());
                setShowPassword(true);
                clear("password");
              }}
            >
              {t("team.add.generate")}
            </Button>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <p className="text-[11px] leading-snug text-ink-faint">
              {t("auth.field.passwordHint", { min: PASSWORD_MIN })}
            </p>
            <div className="flex items-center gap-1">
              <button
                type="button"
                data-testid="toggle-password"
                onClick={() => setShowPassword((s) => !s)}
                className="rounded-md px-1.5 py-0.5 text-xs text-ink-soft hover:bg-zinc-100 hover:text-ink"
              >
                {showPassword ? t("team.add.hidePassword") : t("team.add.showPassword")}
              </button>
              {password && <CopyButton text={password} label={t("team.add.copyPassword")} />}
            </div>
          </div>
        </Field>
        <FormAlert message={failure} testId="add-user-error" />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" data-testid="add-user-submit" disabled={busy}>
            <IconPlus size={14} />
            {busy ? t("team.add.creating") : t("team.add.submit")}
          </Button>
        </div>
      </form>
      {created && <CreatedPanel t={t} created={created} onDismiss={() => setCreated(null)} />}
    </Card>
  );
}

function CreatedPanel({ t, created, onDismiss }: { t: Translate; created: Created; onDismiss: () => void }) {
  return (
    <div
      role="status"
      data-testid="created-user"
      className="flex flex-col gap-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm"
    >
      <p className="flex items-start gap-2 font-medium text-emerald-950">
        <IconCheck size={16} className="mt-0.5 shrink-0 text-emerald-700" />
        <span className="min-w-0">{t("team.created.title", { name: created.name })}</span>
      </p>
      <p className="text-xs leading-snug text-emerald-900">{t("team.created.body")}</p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 rounded-lg border border-emerald-200 bg-white px-3 py-2 text-xs">
        <dt className="text-ink-soft">{t("auth.field.email")}</dt>
        <dd className="truncate text-ink" title={created.email}>
          {created.email}
        </dd>
        <dt className="text-ink-soft">{t("auth.field.password")}</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <code data-testid="created-user-password" className="min-w-0 flex-1 select-all break-all font-mono text-ink">
            {created.password}
          </code>
          <CopyButton text={created.password} label={t("team.add.copyPassword")} className="shrink-0" />
        </dd>
      </dl>
      <div className="flex justify-end">
        <Button className="px-2.5 py-1 text-xs" onClick={onDismiss} data-testid="created-user-dismiss">
          {t("team.created.dismiss")}
        </Button>
      </div>
    </div>
  );
}
