"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api";
import { signIn } from "@/lib/client/auth-api";
import { AuthCard, AuthField } from "./auth-card";

export function SignInForm({ next }: { next: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({ email, password });
      // Every server component (the header, the session) renders again for the signed-in user.
      router.replace(next);
      router.refresh();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === "rate_limited") {
        const s = Number(err.details.retryAfterS ?? 900);
        setError(t("auth.signIn.throttled", { minutes: Math.max(1, Math.ceil(s / 60)) }));
      } else if (err instanceof ApiError && err.code === "unauthenticated") {
        setError(t("auth.signIn.failed"));
      } else {
        setError(t("auth.error.generic", { message: err instanceof Error ? err.message : String(err) }));
      }
    }
  }

  return (
    <AuthCard title={t("auth.signIn.title")} lead={t("auth.signIn.lead")}>
      <form onSubmit={submit} className="space-y-4" data-testid="sign-in-form">
        <AuthField
          id="email"
          type="email"
          autoComplete="username"
          required
          label={t("auth.field.email")}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <AuthField
          id="password"
          type="password"
          autoComplete="current-password"
          required
          label={t("auth.field.password")}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {t("auth.signIn.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
