import { create } from "zustand";
import type { ErrorView } from "@/lib/errors-view";

export type ToastTone = "success" | "error" | "info";

export interface Toast {
  id: number;
  tone: ToastTone;
  /** The headline: a success or info sentence, or an error's mapped title (never the upstream's words). */
  text: string;
  /** An error toast's failure: hint, code, request id and the raw text behind a disclosure. */
  error?: ErrorView;
  /** How many identical toasts this one stands for ("×3"). */
  count: number;
  /** What makes two toasts the same one. */
  key: string;
  /** A collapsing group (e.g. "images"): later toasts of it add their `amount` into this one. */
  group?: string;
  /** The group's summed amount so far, which `format` turns into the text. */
  amount?: number;
  format?: (amount: number) => string;
}

export interface ToastInput {
  tone: ToastTone;
  text: string;
  error?: ErrorView;
  group?: string;
  amount?: number;
  format?: (amount: number) => string;
}

/** Options of a success or info toast: one of a group collapses into the group's toast while it is shown. */
export interface GroupOptions {
  group: string;
  /** This toast's share (e.g. 3 images); default 1. */
  count?: number;
}

/** How long a toast stays after it was last pushed or merged into. */
export const TOAST_MS: Record<ToastTone, number> = { success: 4000, info: 4000, error: 8000 };
/** At most this many at once; the oldest goes first. */
export const MAX_TOASTS = 4;

interface ToastState {
  toasts: Toast[];
  /** Shows a toast, or merges it into the one it repeats; answers the id of the toast that shows it. */
  push: (input: ToastInput) => number;
  dismiss: (id: number) => void;
  /** Keeps a toast while the pointer or focus is on it (its details may be open); `release` restarts its time. */
  hold: (id: number) => void;
  release: (id: number) => void;
}

let seq = 0;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function keyOf(input: ToastInput): string {
  if (input.group) return `${input.tone}\u0000group\u0000${input.group}`;
  const e = input.error;
  // The same failure again (another request id, the same code and words) is the same toast.
  return [input.tone, input.text, e?.code ?? "", e?.hint ?? ""].join("\u0000");
}

export const useToasts = create<ToastState>((set, get) => {
  const schedule = (t: Pick<Toast, "id" | "tone">) => {
    clearTimeout(timers.get(t.id));
    timers.set(
      t.id,
      setTimeout(() => get().dismiss(t.id), TOAST_MS[t.tone]),
    );
  };
  return {
    toasts: [],
    push: (input) => {
      const key = keyOf(input);
      const same = get().toasts.find((t) => t.key === key);
      if (same) {
        const merged: Toast = same.group
          ? {
              ...same,
              amount: (same.amount ?? 0) + (input.amount ?? 1),
              format: input.format ?? same.format,
            }
          : { ...same, count: same.count + 1, error: input.error ?? same.error };
        if (merged.group) merged.text = merged.format ? merged.format(merged.amount!) : input.text;
        // The merged toast moves to the newest place: it is what just happened.
        set({ toasts: [...get().toasts.filter((t) => t.id !== same.id), merged] });
        schedule(merged);
        return merged.id;
      }
      const id = ++seq;
      const toast: Toast = { id, tone: input.tone, text: input.text, count: 1, key };
      if (input.error) toast.error = input.error;
      if (input.group) {
        toast.group = input.group;
        toast.amount = input.amount ?? 1;
        if (input.format) toast.format = input.format;
      }
      const kept = get().toasts.slice(-(MAX_TOASTS - 1));
      for (const old of get().toasts) if (!kept.includes(old)) clearTimeout(timers.get(old.id));
      set({ toasts: [...kept, toast] });
      schedule(toast);
      return id;
    },
    dismiss: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    hold: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
    },
    release: (id) => {
      const t = get().toasts.find((x) => x.id === id);
      if (t) schedule(t);
    },
  };
});

function grouped(tone: ToastTone, text: string | ((count: number) => string), opts?: GroupOptions): ToastInput {
  if (typeof text === "string") return { tone, text, ...(opts && { group: opts.group, amount: opts.count ?? 1 }) };
  const amount = opts?.count ?? 1;
  return { tone, text: text(amount), format: text, group: opts?.group, amount };
}

/**
 * `toast.success("Project created")`; a countable success collapses: `toast.success((n) => t("jobs.toast.done",
 * { count: n }), { group: "images", count: 3 })` and then `{ count: 2 }` is one toast, "5 images ready".
 * `toast.error` takes a failure mapped by lib/errors-view.ts (`toastError` in components/errors/toast-error.ts
 * does that), or a sentence of the studio's own (a form check); the same error again shows "×2".
 */
export const toast = {
  success: (text: string | ((count: number) => string), opts?: GroupOptions) =>
    useToasts.getState().push(grouped("success", text, opts)),
  info: (text: string | ((count: number) => string), opts?: GroupOptions) =>
    useToasts.getState().push(grouped("info", text, opts)),
  error: (failure: string | ErrorView, opts?: { text?: string }) =>
    useToasts
      .getState()
      .push(
        typeof failure === "string"
          ? { tone: "error", text: failure }
          : { tone: "error", text: opts?.text ?? failure.title, error: failure },
      ),
};
