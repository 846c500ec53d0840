import { ApiError } from "@/lib/client/api";
import type { Translate } from "@/lib/i18n";

/** A failed call in words: network trouble is ours to phrase, the server's message is already specific. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) return err.code === "network" ? t("error.network") : err.message;
  return t("error.generic");
}
