"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import type { ModelCard } from "@/lib/models";
import { canEdit, groupModels, type ModelsCatalog, type ProviderSummary } from "@/lib/stores/panel-logic";

function unavailableReason(t: ReturnType<typeof useI18n>["t"], p: ProviderSummary): string {
  return p.configured ? t("panel.provider.notReady") : t("panel.provider.noKey");
}

/** Models grouped by provider; models of a provider this deployment cannot use are shown, disabled, with why. */
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
        {groups.map(({ provider, models }) => (
          <optgroup
            key={provider.id}
            label={provider.available ? provider.label : `${provider.label} — ${unavailableReason(t, provider)}`}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id} disabled={!provider.available}>
                {m.label}
              </option>
            ))}
          </optgroup>
        ))}
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
      {unavailable.length > 0 && (
        <p className="text-[11px] leading-snug text-ink-faint" data-testid="providers-unavailable">
          {unavailable.map((g) => `${g.provider.label}: ${unavailableReason(t, g.provider)}`).join(" · ")}
        </p>
      )}
    </div>
  );
}
