import { describeErrorText } from "@/lib/errors-view";
import type { Translate } from "@/lib/i18n";

/**
 * A failed call as one line of text, for form alerts that hold a string: the mapped title and hint
 * (lib/errors-view.ts), never the server's own words. Toasts take the whole view instead.
 */
export function errorText(t: Translate, err: unknown): string {
  return describeErrorText(t, err);
}
