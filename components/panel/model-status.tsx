"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import type { CatalogModel } from "@/lib/contracts/models";
import type { ModelCard } from "@/lib/models";
import { isAvailable, replacementFor, type ModelsCatalog } from "@/lib/stores/panel-logic";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The chosen model's lifecycle, under the picker: a badge for deprecated (with its date), unavailable
 * or unchecked, the replacement one click away, and what no source confirms about the model.
 */
export function ModelStatus({
  catalog,
  model,
  onSelect,
}: {
  catalog: ModelsCatalog;
  model: CatalogModel;
  onSelect: (card: ModelCard) => void;
}) {
  const { t } = useI18n();
  const replacement = model.availability === "available" ? undefined : replacementFor(catalog, model.id);
  const next =
    replacement && replacement.id !== model.id && isAvailable(catalog, replacement) ? replacement : undefined;
  const vendorRetired = model.availability === "available" && model.shutdownDate && model.shutdownDate <= today();
  const tone =
    model.availability === "unavailable"
      ? "border-red-200 bg-red-50 text-red-900"
      : model.availability === "deprecated"
        ? "border-amber-200 bg-amber-50 text-amber-900"
        : "border-zinc-200 bg-zinc-50 text-ink-soft";
  let note: string | null = null;
  if (model.availability === "unavailable") note = t("panel.model.unavailableNote", { model: model.label });
  else if (model.availability === "deprecated" && model.shutdownDate)
    note = t("panel.model.deprecatedNote", { model: model.label, date: model.shutdownDate });
  else if (model.availability === "unknown") note = t("panel.model.unknownNote", { model: model.label });
  else if (vendorRetired) note = t("panel.badge.vendorRetired", { date: model.shutdownDate! });
  if (!note && model.unconfirmed.length === 0) return null;
  return (
    <div
      className={`space-y-1.5 rounded-lg border px-2.5 py-2 text-[11px] leading-snug ${tone}`}
      data-testid="model-status"
      data-availability={model.availability}
    >
      {note && <p>{note}</p>}
      {next && (
        <button
          type="button"
          className="rounded-md bg-white px-2 py-1 font-medium text-brand-700 shadow-card hover:bg-brand-50"
          onClick={() => onSelect(next)}
          data-testid="model-switch"
        >
          {t("panel.model.switchTo", { model: next.label })}
        </button>
      )}
      {model.unconfirmed.length > 0 && (
        <details className="text-ink-faint">
          <summary className="cursor-pointer">
            {t("panel.model.unconfirmed", { count: model.unconfirmed.length })}
          </summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {model.unconfirmed.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
