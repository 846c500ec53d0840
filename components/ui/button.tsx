import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-white shadow-card hover:bg-brand-700 disabled:bg-brand-300",
  secondary:
    "border border-zinc-200 bg-white text-ink shadow-card hover:border-zinc-300 hover:bg-zinc-50 disabled:text-ink-faint",
  ghost: "text-ink-soft hover:bg-zinc-100 hover:text-ink disabled:text-ink-faint",
  danger: "bg-red-600 text-white shadow-card hover:bg-red-700 disabled:bg-red-300",
};

export function Button({
  variant = "secondary",
  className = "",
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
      {...rest}
    />
  );
}
