import type { Role } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";

/** What a page shows a role it is not for (the routes behind it answer 403 anyway). */
export function Forbidden({ t, roles }: { t: Translate; roles: Role[] }) {
  return (
    <div
      data-testid="forbidden"
      className="mx-auto max-w-lg rounded-2xl border border-zinc-200 bg-white p-8 text-center shadow-card"
    >
      <h1 className="text-lg font-semibold">{t("auth.forbidden.title")}</h1>
      <p className="mt-2 text-sm text-ink-soft">
        {t("auth.forbidden.body", { roles: roles.map((r) => t(`role.${r}`)).join(" / ") })}
      </p>
    </div>
  );
}
