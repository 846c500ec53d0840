import type { ReactNode } from "react";

/** The studio's form look (the panel's select, the project form's input), red while the server refuses it. */
export function controlClass(invalid: boolean, extra = ""): string {
  const ring = invalid
    ? "border-red-300 focus:border-red-400 focus:ring-red-100"
    : "border-zinc-200 focus:border-brand-400 focus:ring-brand-100";
  return `rounded-lg border bg-white px-3 py-2 text-sm shadow-card placeholder:text-ink-faint focus:outline-none focus:ring-2 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-ink-faint ${ring} ${extra}`;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-[11px] leading-snug text-red-700" data-testid="field-error">
      {message}
    </p>
  );
}

/** A value the deployment's STUDIO_MODELS_FILE sets: shown, never edited here. */
export function DeploymentNote({ children }: { children: ReactNode }) {
  return (
    <p className="text-[11px] leading-snug text-ink-faint" data-testid="deployment-value">
      {children}
    </p>
  );
}

export function Card({
  title,
  body,
  action,
  children,
  testId,
}: {
  title: string;
  body?: string;
  action?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 shadow-card"
      data-testid={testId}
    >
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <h2 className="text-sm font-semibold tracking-tight">{title}</h2>
          {body && <p className="text-xs leading-snug text-ink-soft">{body}</p>}
        </div>
        {action}
      </header>
      {children}
    </section>
  );
}
