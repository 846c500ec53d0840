"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Card, controlClass } from "@/components/settings/field";
import { Button } from "@/components/ui/button";
import { errorText } from "@/components/ui/error-text";
import { ApiError } from "@/lib/client/api";
import { changePassword } from "@/lib/client/admin-api";
import { PASSWORD_MIN } from "@/lib/contracts/access";
import { toast } from "@/lib/stores/toasts";
import { Field, FormAlert, invalidProps } from "./form-field";
import { issuesByField } from "./format";

type Errors = Partial<Record<"currentPassword" | "newPassword" | "repeat", string>>;

/** Change your password; other sessions end too unless unticked (this one stays signed in). */
export function PasswordCard({
  email,
  onChanged,
}: {
  email: string;
  onChanged: (otherSessionsEnded: boolean) => void;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [revokeOthers, setRevokeOthers] = useState(true);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (next !== repeat) return setErrors({ repeat: t("account.password.mismatch") });
    setErrors({});
    setBusy(true);
    try {
      await changePassword({ currentPassword: current, newPassword: next, revokeOtherSessions: revokeOthers });
      setCurrent("");
      setNext("");
      setRepeat("");
      toast.success(t(revokeOthers ? "account.password.doneSignedOut" : "account.password.done"));
      onChanged(revokeOthers);
    } catch (err) {
      if (err instanceof ApiError && err.details.path === "currentPassword") {
        setErrors({ currentPassword: t("account.password.wrongCurrent") });
      } else if (err instanceof ApiError && Object.keys(issuesByField(err.details)).length > 0) {
        const fields = issuesByField(err.details);
        setErrors({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
      } else {
        setFailure(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  }

  const clear = (k: keyof Errors) => errors[k] && setErrors((e) => ({ ...e, [k]: undefined }));

  return (
    <Card title={t("account.password.title")} body={t("account.password.body")} testId="password-card">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3" data-testid="change-password-form">
        {/* For password managers: the account this form belongs to. */}
        <input type="email" autoComplete="username" hidden readOnly value={email} />
        <Field id="current-password" label={t("account.password.current")} error={errors.currentPassword}>
          <input
            id="current-password"
            data-testid="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => {
              setCurrent(e.target.value);
              clear("currentPassword");
            }}
            className={controlClass(Boolean(errors.currentPassword), "w-full")}
            {...invalidProps("current-password", errors.currentPassword)}
          />
        </Field>
        <Field
          id="new-password"
          label={t("account.password.new")}
          hint={t("auth.field.passwordHint", { min: PASSWORD_MIN })}
          error={errors.newPassword}
        >
          <input
            id="new-password"
            data-testid="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => {
              setNext(e.target.value);
              clear("newPassword");
            }}
            className={controlClass(Boolean(errors.newPassword), "w-full")}
            {...invalidProps("new-password", errors.newPassword)}
          />
        </Field>
        <Field id="repeat-password" label={t("account.password.repeat")} error={errors.repeat}>
          <input
            id="repeat-password"
            data-testid="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => {
              setRepeat(e.target.value);
              clear("repeat");
            }}
            className={controlClass(Boolean(errors.repeat), "w-full")}
            {...invalidProps("repeat-password", errors.repeat)}
          />
        </Field>
        <label className="flex items-start gap-2 text-sm text-ink">
          <input
            type="checkbox"
            data-testid="revoke-other-sessions"
            checked={revokeOthers}
            onChange={(e) => setRevokeOthers(e.target.checked)}
            className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600"
          />
          <span>
            {t("account.password.revokeOthers")}
            <span className="block text-[11px] leading-snug text-ink-faint">
              {t("account.password.revokeOthersHint")}
            </span>
          </span>
        </label>
        <FormAlert message={failure} testId="change-password-error" />
        <div className="flex justify-end">
          <Button
            type="submit"
            variant="primary"
            data-testid="change-password-submit"
            disabled={busy || !current || !next || !repeat}
          >
            {busy ? t("account.password.saving") : t("account.password.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
