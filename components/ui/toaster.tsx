"use client";

import { useEffect, useLayoutEffect, useState, type RefObject } from "react";
import { create } from "zustand";
import { ErrorDetails } from "@/components/errors/error-details";
import { useI18n } from "@/components/i18n/locale-provider";
import { useToasts } from "@/lib/stores/toasts";

const TONE = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-zinc-200 bg-white text-ink",
} as const;

/** The stack's width (w-80) and its distance from the window's edges (right-4, bottom-4). */
const WIDTH = 320;
const GAP = 16;

/** Elements toasts must never cover: a page's controls (the editors' side panels with their Apply buttons). */
const useKeepClear = create<{ els: HTMLElement[] }>(() => ({ els: [] }));

/**
 * Keeps toasts off this element while it is mounted: the stack moves left of it (still bottom-right of the rest
 * of the page), so a toast never sits on the control that caused it.
 */
export function useToastClearance(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    useKeepClear.setState((s) => ({ els: [...s.els, el] }));
    return () => useKeepClear.setState((s) => ({ els: s.els.filter((x) => x !== el) }));
  }, [ref]);
}

/** The stack's distance from the right edge: past every kept-clear element in its column, if there is room. */
function rightOffset(els: readonly HTMLElement[]): number {
  const width = window.innerWidth;
  let right = GAP;
  for (const el of els) {
    const box = el.getBoundingClientRect();
    const shown = box.width > 0 && box.bottom > 0 && box.top < window.innerHeight;
    if (shown && box.right > width - right - WIDTH && box.left < width - right) right = width - box.left + GAP;
  }
  // No room left of them (a narrow window): the corner, as everywhere else.
  return width - right - WIDTH < GAP ? GAP : right;
}

function useRightOffset(): number {
  const els = useKeepClear((s) => s.els);
  const [right, setRight] = useState(GAP);
  useLayoutEffect(() => {
    const measure = () => setRight(rightOffset(els));
    measure();
    if (els.length === 0) return;
    const ro = new ResizeObserver(measure);
    for (const el of els) ro.observe(el);
    window.addEventListener("resize", measure);
    window.addEventListener("scroll", measure, { capture: true, passive: true });
    return () => {
      ro.disconnect();
      window.removeEventListener("resize", measure);
      window.removeEventListener("scroll", measure, { capture: true });
    };
  }, [els]);
  return right;
}

export function Toaster() {
  const { toasts, dismiss, hold, release } = useToasts();
  const { t } = useI18n();
  const right = useRightOffset();
  return (
    <div
      aria-live="polite"
      data-testid="toaster"
      style={{ right }}
      className="pointer-events-none fixed bottom-4 z-50 flex w-80 flex-col gap-2"
    >
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role="status"
          data-testid="toast"
          data-tone={toast.tone}
          data-count={toast.count}
          onMouseEnter={() => hold(toast.id)}
          onMouseLeave={() => release(toast.id)}
          onFocus={() => hold(toast.id)}
          onBlur={() => release(toast.id)}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lift ${TONE[toast.tone]}`}
        >
          {toast.error ? (
            <ErrorDetails error={toast.error} headline={toast.text} testId="toast-error" className="flex-1" />
          ) : (
            <p className="flex-1">{toast.text}</p>
          )}
          {toast.count > 1 && (
            <span
              className="shrink-0 rounded-full bg-current/10 px-1.5 text-xs font-semibold tabular-nums"
              aria-label={t("errors.repeated", { count: toast.count })}
              data-testid="toast-count"
            >
              ×{toast.count}
            </span>
          )}
          <button
            type="button"
            onClick={() => dismiss(toast.id)}
            aria-label={t("actions.close")}
            className="text-current/60 hover:text-current"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
