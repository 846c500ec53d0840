import type { ReactNode } from "react";

/** The studio's table frame: scrolls sideways inside its card instead of widening the page. */
export function TableFrame({
  testId,
  minWidth = "min-w-[640px]",
  children,
}: {
  testId?: string;
  /** A Tailwind min-width class for the table. */
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200">
      <table data-testid={testId} className={`w-full border-collapse text-left text-sm ${minWidth}`}>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return (
    <th
      scope="col"
      className={`whitespace-nowrap bg-zinc-50 px-3 py-2 text-[11px] font-medium uppercase tracking-wide text-ink-faint ${className}`}
    >
      {children}
    </th>
  );
}

export const tdClass = "px-3 py-2.5 align-middle";
export const rowClass = "border-t border-zinc-100";

/** What a list shows with nothing in it. */
export function EmptyState({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <p
      data-testid={testId}
      className="rounded-xl border border-dashed border-zinc-200 px-4 py-6 text-center text-sm text-ink-soft"
    >
      {children}
    </p>
  );
}
