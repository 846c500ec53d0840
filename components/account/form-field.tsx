import type { ReactNode } from "react";
import { FieldError } from "@/components/settings/field";

/** A labelled control with its hint and the server's complaint about it. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className = "",
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-ink-soft">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-[11px] leading-snug text-ink-faint">{hint}</p>}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** aria attributes of a control whose field may carry an error. */
export const invalidProps = (id: string, error: string | undefined) =>
  error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

/** A form-level failure (network, an unexpected answer). */
export function FormAlert({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid={testId} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
