"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/locale-provider";
import { signOut } from "@/lib/client/auth-api";
import type { User } from "@/lib/contracts/access";

/** The signed-in user's name and role; opens to the account page and sign-out. */
export function UserMenu({ user }: { user: User }) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function out() {
    await signOut().catch(() => undefined);
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-full border border-zinc-200 bg-white py-1 pl-1 pr-3 text-sm shadow-card hover:bg-zinc-50"
      >
        <span
          aria-hidden
          className="grid size-6 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700"
        >
          {user.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="max-w-32 truncate">{user.name}</span>
        <span
          className="rounded bg-zinc-100 px-1.5 py-px text-[10px] font-medium uppercase tracking-wide text-ink-soft"
          data-testid="user-role"
        >
          {t(`role.${user.role}`)}
        </span>
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 mt-2 w-56 overflow-hidden rounded-xl border border-zinc-200 bg-white py-1 text-sm shadow-lg"
        >
          <p className="truncate px-3 py-2 text-xs text-ink-faint">{user.email}</p>
          <Link
            role="menuitem"
            href="/account"
            className="block px-3 py-2 hover:bg-zinc-50"
            onClick={() => setOpen(false)}
          >
            {t("auth.menu.account")}
          </Link>
          <button
            role="menuitem"
            type="button"
            data-testid="sign-out"
            onClick={out}
            className="block w-full px-3 py-2 text-left hover:bg-zinc-50"
          >
            {t("auth.menu.signOut")}
          </button>
        </div>
      )}
    </div>
  );
}
