import { describeError, type ErrorView } from "@/lib/errors-view";
import type { Translate } from "@/lib/i18n";
import { toast } from "@/lib/stores/toasts";

/**
 * The error toast of a failure: mapped once (lib/errors-view.ts), so it reads in the user's language with the
 * request id and the raw text behind "Details". `headline` words the first line around the title
 * (e.g. `(title) => t("upload.rejected", { message: title })`). Answers the view, for an inline display too.
 */
export function toastError(t: Translate, err: unknown, headline?: (title: string) => string): ErrorView {
  const view = describeError(t, err);
  toast.error(view, headline ? { text: headline(view.title) } : undefined);
  return view;
}
