import type { Role } from "@/lib/contracts/access";
import type { Translate } from "@/lib/i18n";

const ROLE_TONE: Record<Role, string> = {
  admin: "bg-brand-50 text-brand-700 ring-brand-200",
  manager: "bg-sky-50 text-sky-800 ring-sky-200",
  creator: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  viewer: "bg-zinc-100 text-ink-soft ring-zinc-200",
};

export function RoleBadge({ t, role, testId }: { t: Translate; role: Role; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-role={role}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset ${ROLE_TONE[role]}`}
    >
      {t(`role.${role}`)}
    </span>
  );
}

/** A small pill: "This device", "You", "Disabled". */
export function Pill({
  tone = "zinc",
  children,
  testId,
}: {
  tone?: "zinc" | "brand" | "emerald" | "red" | "amber";
  children: React.ReactNode;
  testId?: string;
}) {
  const tones = {
    zinc: "bg-zinc-100 text-ink-soft",
    brand: "bg-brand-50 text-brand-700",
    emerald: "bg-emerald-50 text-emerald-800",
    red: "bg-red-50 text-red-800",
    amber: "bg-amber-50 text-amber-900",
  } as const;
  return (
    <span
      data-testid={testId}
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-[11px] font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
