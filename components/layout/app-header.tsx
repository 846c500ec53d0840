import Link from "next/link";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { roleCan, type User } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";
import { UserMenu } from "./user-menu";

export function AppHeader({ t, simulated, user }: { t: Translate; simulated: boolean; user: User | null }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur">
      {simulated && (
        <div
          role="status"
          data-testid="simulator-banner"
          className="bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-900"
        >
          {t("sim.banner")}
        </div>
      )}
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6 group-has-[[data-studio]]/body:max-w-none">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-lg bg-gradient-to-br from-brand-500 to-fuchsia-500 text-sm text-white"
          >
            A
          </span>
          {t("app.name")}
        </Link>
        {/* Links by role: a page a role cannot use is not offered (it would show its Forbidden notice). */}
        {user && (
          <nav className="flex items-center gap-5 text-sm text-ink-soft">
            <Link href="/" className="hover:text-ink">
              {t("nav.projects")}
            </Link>
            {roleCan(user.role, "manage") && (
              <Link href="/audit" className="hover:text-ink" data-testid="nav-audit">
                {t("nav.audit")}
              </Link>
            )}
            {roleCan(user.role, "administer") && (
              <>
                <Link href="/settings/users" className="hover:text-ink" data-testid="nav-users">
                  {t("nav.users")}
                </Link>
                <Link href="/settings/models" className="hover:text-ink" data-testid="nav-settings">
                  {t("settings.nav")}
                </Link>
              </>
            )}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3">
          {simulated && (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
              {t("sim.badge")}
            </span>
          )}
          <LocaleSwitch />
          {user && <UserMenu user={user} />}
        </div>
      </div>
    </header>
  );
}
