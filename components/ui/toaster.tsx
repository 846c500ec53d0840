"use client";

import { useToasts } from "@/lib/stores/toasts";
import { useI18n } from "@/components/i18n/locale-provider";

const TONE = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-zinc-200 bg-white text-ink",
} as const;

export function Toaster() {
  const { toasts, dismiss } = useToasts();
  const { t } = useI18n();
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role="status"
          data-testid="toast"
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lift ${TONE[toast.tone]}`}
        >
          <p className="flex-1">{toast.text}</p>
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
