import { hasMessage, type Translate } from "@/lib/i18n";

/**
 * A usage key as words (the detail view's usage table): the catalogs' label for the keys the upstreams send
 * (OpenAI `input_tokens_details.image_tokens`, Gemini `promptTokenCount`, Ark `generated_images`), else the
 * key's parts de-snaked and de-camelled ("cachedContentTokenCount" → "cached content token count").
 */
export function usageLabel(t: Translate, key: string): string {
  const id = `usage.${key}`;
  if (hasMessage(id)) return t(id);
  return key
    .split(".")
    .map((part) =>
      part
        .replace(/_/g, " ")
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .toLowerCase(),
    )
    .join(" · ");
}
