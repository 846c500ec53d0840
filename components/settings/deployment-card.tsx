import type { Translate } from "@/lib/i18n";
import { Card } from "./field";
import type { ModelSettingsView } from "./settings-logic";

/** What STUDIO_MODELS_FILE sets, for reference: the deployment owns it, this page only overrides it. */
export function DeploymentCard({ t, view }: { t: Translate; view: ModelSettingsView }) {
  const { file } = view;
  const facts: [key: string, value: string, isModel?: boolean][] = [];
  if (file.gateway)
    facts.push([
      t("settings.deployment.gateway"),
      view.gateways.find((g) => g.id === file.gateway)?.label ?? file.gateway,
    ]);
  if (file.defaultModel !== undefined)
    facts.push([t("settings.deployment.default"), file.defaultModel ?? t("settings.default.auto")]);
  if (file.hidden?.length) facts.push([t("settings.deployment.hidden"), file.hidden.join(", ")]);
  for (const m of file.models ?? []) {
    const parts = [
      m.family && `→ ${view.families.find((f) => f.id === m.family)?.label ?? m.family}`,
      m.aliasOf && t("settings.aliasOf", { model: m.aliasOf }),
      m.label && `“${m.label}”`,
      m.timeoutS && `${m.timeoutS} s`,
    ].filter(Boolean);
    facts.push([m.id, parts.join(" · "), true]);
  }
  return (
    <Card title={t("settings.deployment.title")} body={t("settings.deployment.body")} testId="settings-deployment">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-xs">
        {facts.map(([k, v, isModel]) => (
          <div key={k} className="contents">
            <dt className={isModel ? "font-mono text-ink-soft" : "text-ink-soft"}>{k}</dt>
            <dd className="text-ink">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
