import type { ModelsCatalog } from "@/lib/contracts/models";
import type { Translate } from "@/lib/i18n";
import { Card, controlClass, DeploymentNote, FieldError } from "./field";
import { defaultChoices, type Draft, type FieldErrors, type ModelSettingsView } from "./settings-logic";

// `<select>` values stand for the three states of `defaultModel`: unset, null (automatic) and an id.
const UNSET = "";
const AUTO = "\u0000auto";

/** The gateway preset and the model new panels open with. */
export function GatewayCard({
  t,
  view,
  catalog,
  draft,
  errors,
  onGateway,
  onDefault,
}: {
  t: Translate;
  view: ModelSettingsView;
  catalog: ModelsCatalog;
  draft: Draft;
  errors: FieldErrors;
  onGateway: (id: string) => void;
  onDefault: (id: string | null | undefined) => void;
}) {
  const { file } = view;
  const simulated = catalog.providers.some((p) => p.simulated);
  const gatewayLabel = (id: string | undefined) => view.gateways.find((g) => g.id === id)?.label ?? id ?? "";
  const modelLabel = (id: string) => catalog.models.find((m) => m.id === id)?.label ?? id;
  const choices = defaultChoices(catalog);
  const chosen = draft.defaultModel;
  const selectValue = chosen === undefined ? UNSET : chosen === null ? AUTO : chosen;
  // A saved default the gateway no longer offers stays selectable, so the select shows the truth.
  const stale = typeof chosen === "string" && !choices.some((m) => m.id === chosen);
  const byGroup = new Map<string, typeof choices>();
  for (const m of choices) {
    const provider = catalog.providers.find((p) => p.id === m.provider)?.label ?? m.provider;
    const group = `${provider} · ${view.families.find((f) => f.id === m.family)?.label ?? m.family}`;
    byGroup.set(group, [...(byGroup.get(group) ?? []), m]);
  }
  return (
    <Card title={t("settings.gateway.title")} testId="settings-gateway">
      <div className="space-y-1.5">
        <label htmlFor="settings-gateway" className="text-xs font-medium text-ink-soft">
          {t("settings.gateway.label")}
        </label>
        <select
          id="settings-gateway"
          value={draft.gateway}
          onChange={(e) => onGateway(e.target.value)}
          aria-invalid={Boolean(errors.gateway) || undefined}
          aria-describedby="settings-gateway-hint"
          className={controlClass(Boolean(errors.gateway), "w-full font-medium")}
        >
          <option value="">
            {file.gateway
              ? t("settings.deployment.choice", { value: gatewayLabel(file.gateway) })
              : t("settings.gateway.auto")}
          </option>
          {view.gateways.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
        <FieldError id="settings-gateway-error" message={errors.gateway} />
        <p id="settings-gateway-hint" className="text-[11px] leading-snug text-ink-faint">
          {simulated ? t("settings.gateway.simulated") : t("settings.gateway.hint")}
        </p>
        {file.gateway && (
          <DeploymentNote>{t("settings.deployment.value", { value: gatewayLabel(file.gateway) })}</DeploymentNote>
        )}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="settings-default" className="text-xs font-medium text-ink-soft">
          {t("settings.default.label")}
        </label>
        <select
          id="settings-default"
          value={selectValue}
          onChange={(e) =>
            onDefault(e.target.value === UNSET ? undefined : e.target.value === AUTO ? null : e.target.value)
          }
          aria-invalid={Boolean(errors.defaultModel) || undefined}
          aria-describedby={errors.defaultModel ? "settings-default-error" : "settings-default-current"}
          className={controlClass(Boolean(errors.defaultModel), "w-full font-medium")}
        >
          <option value={UNSET}>
            {typeof file.defaultModel === "string"
              ? t("settings.deployment.choice", { value: modelLabel(file.defaultModel) })
              : t("settings.default.auto")}
          </option>
          {/* Only worth a row of its own when the deployment names a model this one would override. */}
          {typeof file.defaultModel === "string" && <option value={AUTO}>{t("settings.default.auto")}</option>}
          {stale && <option value={chosen}>{`${modelLabel(chosen)} — ${t("settings.badge.unavailable")}`}</option>}
          {[...byGroup].map(([group, models]) => (
            <optgroup key={group} label={group}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.availability === "deprecated" && m.shutdownDate
                    ? `${m.label} — ${t("panel.badge.deprecated", { date: m.shutdownDate })}`
                    : m.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id="settings-default-error" message={errors.defaultModel} />
        <p
          id="settings-default-current"
          className="text-[11px] leading-snug text-ink-faint"
          data-testid="default-current"
        >
          {catalog.defaultModel
            ? t("settings.default.current", { model: modelLabel(catalog.defaultModel) })
            : t("settings.default.none")}
        </p>
        {typeof file.defaultModel === "string" && (
          <DeploymentNote>{t("settings.deployment.value", { value: modelLabel(file.defaultModel) })}</DeploymentNote>
        )}
      </div>
    </Card>
  );
}
