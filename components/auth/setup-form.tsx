"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api";
import { setup, signIn } from "@/lib/client/auth-api";
import { PASSWORD_MIN, setupBodySchema } from "@/lib/contracts/access";
import { AuthCard, AuthField } from "./auth-card";

export function SetupForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = setupBodySchema.safeParse(form).success;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await setup(form);
      await signIn({ email: form.email, password: form.password });
      router.replace("/");
      router.refresh();
    } catch (err) {
      setBusy(false);
      // Someone finished setup meanwhile: the sign-in page is the way in now.
      if (err instanceof ApiError && err.code === "conflict") router.replace("/sign-in");
      else setError(t("auth.error.generic", { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <AuthCard title={t("auth.setup.title")} lead={t("auth.setup.lead")}>
      <form onSubmit={submit} className="space-y-4" data-testid="setup-form">
        <AuthField
          id="name"
          autoComplete="name"
          required
          label={t("auth.field.name")}
          value={form.name}
          onChange={set("name")}
        />
        <AuthField
          id="email"
          type="email"
          autoComplete="username"
          required
          label={t("auth.field.email")}
          value={form.email}
          onChange={set("email")}
        />
        <AuthField
          id="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          label={t("auth.field.password")}
          hint={t("auth.field.passwordHint", { min: PASSWORD_MIN })}
          value={form.password}
          onChange={set("password")}
        />
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={!valid || busy}>
          {t("auth.setup.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
