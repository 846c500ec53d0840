"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import type { CatalogModel } from "@/lib/contracts/models";
import type { ModelCard } from "@/lib/models";
import { canEdit, groupModels, isAvailable, type ModelsCatalog, type ProviderSummary } from "@/lib/stores/panel-logic";
import { ModelStatus } from "./model-status";

type T = ReturnType<typeof useI18n>["t"];

function unavailableReason(t: T, p: ProviderSummary): string {
  return p.configured ? t("panel.provider.notReady") : t("panel.provider.noKey");
}

/** The option's text: a native select shows no markup, so the badge is words after the label. */
function optionText(t: T, m: CatalogModel): string {
  // The badge before the label: a narrow select cuts the end of an option off, never its start.
  if (m.availability === "unavailable") return `${t("panel.badge.unavailable")} · ${m.label}`;
  if (m.availability === "deprecated" && m.shutdownDate)
    return `${t("panel.badge.deprecated", { date: m.shutdownDate })} · ${m.label}`;
  return m.label;
}

/**
 * Models grouped by provider and family. A model the gateway no longer offers stays in its row, greyed,
 * so users see where it went; the strip below says why and offers its replacement in one click.
 */
export function ModelPicker({
  catalog,
  card,
  onSelect,
}: {
  catalog: ModelsCatalog;
  card: ModelCard;
  onSelect: (card: ModelCard) => void;
}) {
  const { t } = useI18n();
  const groups = groupModels(catalog);
  const unavailable = groups.filter((g) => !g.provider.available);
  const current = catalog.models.find((m) => m.id === card.id);
  return (
    <div className="space-y-2">
      <label htmlFor="model-picker" className="text-xs font-medium text-ink-soft">
        {t("panel.model")}
      </label>
      <select
        id="model-picker"
        value={card.id}
        onChange={(e) => {
          const next = catalog.models.find((m) => m.id === e.target.value);
          if (next) onSelect(next);
        }}
        className="w-full rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm font-medium shadow-card focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100"
      >
        {groups.flatMap(({ provider, families }) =>
          families.map(({ family, models }) => (
            <optgroup
              key={`${provider.id}:${family}`}
              label={
                provider.available
                  ? `${provider.label} · ${models[0]?.familyLabel ?? family}`
                  : `${provider.label} — ${unavailableReason(t, provider)}`
              }
            >
              {models.map((m) => (
                <option key={m.id} value={m.id} disabled={!isAvailable(catalog, m)} data-availability={m.availability}>
                  {optionText(t, m)}
                </option>
              ))}
            </optgroup>
          )),
        )}
      </select>
      <div className="flex flex-wrap gap-1.5 text-[11px]">
        <span className="rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-700">
          {t("panel.cap.images", { count: card.limits.maxN })}
        </span>
        <span
          className={`rounded-full px-2 py-0.5 font-medium ${canEdit(card) ? "bg-emerald-50 text-emerald-700" : "bg-zinc-100 text-ink-faint"}`}
        >
          {canEdit(card) ? t("panel.cap.edit", { count: card.limits.maxImages }) : t("panel.cap.noEdit")}
        </span>
      </div>
      {current && <ModelStatus catalog={catalog} model={current} onSelect={onSelect} />}
      {unavailable.length > 0 && (
        <p className="text-[11px] leading-snug text-ink-faint" data-testid="providers-unavailable">
          {unavailable.map((g) => `${g.provider.label}: ${unavailableReason(t, g.provider)}`).join(" · ")}
        </p>
      )}
    </div>
  );
}
