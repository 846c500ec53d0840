import Link from "next/link";
import type { ReactNode } from "react";
import { IconAlert, IconImage } from "@/components/ui/icons";

/**
 * The studio's page-level message (404 and the error boundary), drawn inside the root layout so the header,
 * the simulator banner and the language switch stay. No hooks: the server 404 and the client error boundary
 * both render it with strings they translated themselves.
 */
export function ErrorPanel({
  variant,
  code,
  title,
  body,
  actions,
  footer,
}: {
  variant: "not-found" | "error";
  code: string;
  title: string;
  body: string;
  actions: ReactNode;
  footer?: ReactNode;
}) {
  const Icon = variant === "not-found" ? IconImage : IconAlert;
  return (
    <section
      data-testid={`error-page-${variant}`}
      aria-labelledby="error-page-title"
      className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center py-8"
    >
      <div className="w-full rounded-2xl border border-zinc-200 bg-white px-8 py-12 text-center shadow-card sm:px-12">
        {/* An empty frame: the studio's "no picture here", the same tile as an empty asset grid. */}
        <span
          aria-hidden
          className={`mx-auto grid size-16 place-items-center rounded-2xl ${
            variant === "not-found"
              ? "bg-gradient-to-br from-brand-100 to-fuchsia-100 text-brand-600"
              : "bg-amber-100 text-amber-700"
          }`}
        >
          <Icon size={30} />
        </span>
        <p
          className={
            variant === "not-found"
              ? "mt-6 bg-gradient-to-br from-brand-500 to-fuchsia-500 bg-clip-text text-6xl font-semibold tracking-tight text-transparent"
              : "mt-6 text-xs font-semibold uppercase tracking-widest text-amber-700"
          }
        >
          {code}
        </p>
        <h1 id="error-page-title" className="mt-3 text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <p className="mx-auto mt-2 max-w-sm text-sm text-ink-soft">{body}</p>
        <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{actions}</div>
        {footer}
      </div>
    </section>
  );
}

// Same look as components/ui/button.tsx's variants; a link, because going home is navigation.
const LINK_BASE =
  "inline-flex items-center justify-center gap-1.5 rounded-lg px-3.5 py-2 text-sm font-medium transition-colors";
const LINK_VARIANTS = {
  primary: "bg-brand-600 text-white shadow-card hover:bg-brand-700",
  secondary: "border border-zinc-200 bg-white text-ink shadow-card hover:border-zinc-300 hover:bg-zinc-50",
};

export function HomeLink({ label, variant = "primary" }: { label: string; variant?: keyof typeof LINK_VARIANTS }) {
  return (
    <Link href="/" data-testid="error-page-home" className={`${LINK_BASE} ${LINK_VARIANTS[variant]}`}>
      {label}
    </Link>
  );
}
