import type { ReactNode } from "react";

/** The sign-in and setup pages' frame: one centred card under the brand mark. */
export function AuthCard({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-10 w-full max-w-sm">
      <div className="rounded-2xl border border-zinc-200 bg-white p-7 shadow-card">
        <div
          aria-hidden
          className="mb-5 grid size-10 place-items-center rounded-xl bg-gradient-to-br from-brand-500 to-fuchsia-500 text-lg font-semibold text-white"
        >
          A
        </div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-ink-soft">{lead}</p>
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}

export function AuthField({
  id,
  label,
  hint,
  ...input
}: { id: string; label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-ink-soft">
        {label}
      </label>
      <input
        id={id}
        name={id}
        className="w-full rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm shadow-card placeholder:text-ink-faint focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100"
        {...input}
      />
      {hint && <p className="text-[11px] text-ink-faint">{hint}</p>}
    </div>
  );
}
