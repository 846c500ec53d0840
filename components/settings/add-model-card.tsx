import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { IconPlus } from "@/components/ui/icons";
import type { ModelsCatalog } from "@/lib/contracts/models";
import type { Translate } from "@/lib/i18n";
import { Card, controlClass, FieldError } from "./field";
import type { ModelSettingsView } from "./settings-logic";

/** Answers why an id cannot be added, or null once it was added to the draft. */
export type AddResult = string | null;

function AddForm({
  t,
  idLabel,
  idPlaceholder,
  pickLabel,
  submitLabel,
  testId,
  options,
  onAdd,
}: {
  t: Translate;
  idLabel: string;
  idPlaceholder: string;
  pickLabel: string;
  submitLabel: string;
  testId: string;
  options: { group: string; items: { value: string; label: string }[] }[];
  onAdd: (id: string, pick: string) => AddResult;
}) {
  const [id, setId] = useState("");
  const [pick, setPick] = useState(options[0]?.items[0]?.value ?? "");
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    const why = id.trim() ? onAdd(id.trim(), pick) : t("settings.add.empty");
    setError(why);
    setAdded(why === null);
    if (why === null) setId("");
  }
  const errId = `${testId}-error`;
  return (
    <form onSubmit={submit} noValidate className="space-y-1.5" data-testid={testId}>
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-2">
        <label className="space-y-1">
          <span className="text-xs font-medium text-ink-soft">{idLabel}</span>
          <input
            value={id}
            onChange={(e) => {
              setId(e.target.value);
              setAdded(false);
            }}
            placeholder={idPlaceholder}
            maxLength={128}
            spellCheck={false}
            aria-invalid={Boolean(error) || undefined}
            aria-describedby={error ? errId : undefined}
            className={controlClass(Boolean(error), "w-full font-mono text-xs")}
          />
        </label>
        <label className="space-y-1">
          <span className="text-xs font-medium text-ink-soft">{pickLabel}</span>
          <select
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            className={controlClass(false, "w-full text-xs")}
          >
            {options.map((o) => (
              <optgroup key={o.group} label={o.group}>
                {o.items.map((i) => (
                  <option key={i.value} value={i.value}>
                    {i.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <Button type="submit" className="py-2 text-xs">
          <IconPlus size={12} />
          {submitLabel}
        </Button>
      </div>
      {added && (
        <p className="text-[11px] text-emerald-700" role="status">
          {t("settings.add.added")}
        </p>
      )}
      <FieldError id={errId} message={error ?? undefined} />
    </form>
  );
}

/** Offer a gateway id the registry does not know yet under a family, or give an existing model a second name. */
export function AddModelCards({
  t,
  view,
  catalog,
  onAddModel,
  onAddAlias,
}: {
  t: Translate;
  view: ModelSettingsView;
  catalog: ModelsCatalog;
  onAddModel: (id: string, family: string) => AddResult;
  onAddAlias: (id: string, target: string) => AddResult;
}) {
  const providerLabel = (id: string) => catalog.providers.find((p) => p.id === id)?.label ?? id;
  const familyOptions = catalog.providers
    .map((p) => ({
      group: p.label,
      items: view.families.filter((f) => f.provider === p.id).map((f) => ({ value: f.id, label: f.label })),
    }))
    .filter((g) => g.items.length > 0);
  const targetOptions = view.families
    .map((f) => ({
      group: `${providerLabel(f.provider)} · ${f.label}`,
      items: catalog.models.filter((m) => m.family === f.id).map((m) => ({ value: m.id, label: m.label })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Card title={t("settings.add.title")} body={t("settings.add.body")} testId="settings-add">
        <AddForm
          t={t}
          idLabel={t("settings.add.id")}
          idPlaceholder={t("settings.add.idPlaceholder")}
          pickLabel={t("settings.add.family")}
          submitLabel={t("settings.add.submit")}
          testId="add-model"
          options={familyOptions}
          onAdd={onAddModel}
        />
      </Card>
      <Card title={t("settings.alias.title")} body={t("settings.alias.body")} testId="settings-alias">
        <AddForm
          t={t}
          idLabel={t("settings.alias.id")}
          idPlaceholder={t("settings.alias.idPlaceholder")}
          pickLabel={t("settings.alias.target")}
          submitLabel={t("settings.alias.submit")}
          testId="add-alias"
          options={targetOptions}
          onAdd={onAddAlias}
        />
      </Card>
    </div>
  );
}
