"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/errors/toast-error";
import { errorText } from "@/components/ui/error-text";
import { Spinner } from "@/components/ui/spinner";
import { api, ApiError } from "@/lib/client/api";
import type { ModelsCatalog } from "@/lib/contracts/models";
import type { Issue } from "@/lib/errors";
import { useModels } from "@/lib/stores/models";
import { toast } from "@/lib/stores/toasts";
import { AddModelCards, type AddResult } from "./add-model-card";
import { DeploymentCard } from "./deployment-card";
import { Card } from "./field";
import { GatewayCard } from "./gateway-card";
import { ListsCard } from "./lists-card";
import { ModelsTable, type RowActions } from "./models-table";
import {
  bodyOf,
  draftFrom,
  fieldErrors,
  fieldKey,
  fileSetsAnything,
  modelRows,
  sameBody,
  type Draft,
  type DraftEntry,
  type FieldErrors,
  type ModelSettingsView,
} from "./settings-logic";

/**
 * The model settings page: a draft of the admin's settings over the deployment's file, saved in one PUT;
 * the server's validation issues land on the fields they name. Every change of the catalog (a save, a
 * refresh) is handed to the studio's models store too, so the picker shows it without a reload.
 */
export function ModelSettings({
  initialView,
  initialCatalog,
}: {
  initialView: ModelSettingsView;
  initialCatalog: ModelsCatalog;
}) {
  const { t, locale } = useI18n();
  const [view, setView] = useState(initialView);
  const [catalog, setCatalog] = useState(initialCatalog);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(initialView.settings, initialView.file));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // Bumped on every refused save: the first field the server named is brought into view, wherever it is.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    const first = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-testid="field-error"]');
    first?.scrollIntoView({ block: "center" });
    if (first?.matches("input, select")) first.focus({ preventScroll: true });
  }, [refusals]);

  const saved = bodyOf(draftFrom(view.settings, view.file), view.file).body;
  const pending = bodyOf(draft, view.file);
  const dirty = !sameBody(saved, pending.body);
  const groups = modelRows(catalog, view, draft, view.settings.hidden ?? []);
  const modelCount = groups.reduce((n, g) => n + g.rows.length, 0);

  function applyCatalog(next: ModelsCatalog) {
    setCatalog(next);
    useModels.setState({ status: "ready", catalog: next });
  }

  const edit = (clear: string[], change: (d: Draft) => Draft) => {
    setDraft(change);
    if (clear.some((k) => errors[k]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  };

  const entryFor = (d: Draft, id: string): DraftEntry => {
    const existing = d.entries.find((e) => e.id === id);
    if (existing) return existing;
    // A model the deployment's file added keeps its family or alias, or the server could not place it.
    const fromFile = view.file.models?.find((m) => m.id === id);
    return { id, family: fromFile?.family, aliasOf: fromFile?.aliasOf, label: "", timeout: "" };
  };

  const actions: RowActions = {
    setHidden: (id, hidden) =>
      edit([fieldKey(id, "hidden")], (d) => ({
        ...d,
        hidden: hidden ? [...d.hidden.filter((h) => h !== id), id] : d.hidden.filter((h) => h !== id),
      })),
    setField: (id, field, value) =>
      edit([fieldKey(id, field === "label" ? "label" : "timeoutS")], (d) => {
        const entry = { ...entryFor(d, id), [field]: value };
        const has = d.entries.some((e) => e.id === id);
        return { ...d, entries: has ? d.entries.map((e) => (e.id === id ? entry : e)) : [...d.entries, entry] };
      }),
    remove: (id) =>
      edit([fieldKey(id, "entry")], (d) => ({
        ...d,
        entries: d.entries.filter((e) => e.id !== id),
        hidden: d.hidden.filter((h) => h !== id),
        defaultModel: d.defaultModel === id ? undefined : d.defaultModel,
      })),
  };

  function add(entry: DraftEntry): AddResult {
    const known = groups.some((g) => g.rows.some((r) => r.id === entry.id));
    if (known || draft.entries.some((e) => e.id === entry.id)) return t("settings.add.exists", { id: entry.id });
    setDraft((d) => ({ ...d, entries: [...d.entries, entry] }));
    return null;
  }

  async function save() {
    setSaving(true);
    try {
      const next = await api<ModelSettingsView>("/api/settings/models", { method: "PUT", body: pending.body });
      setView(next);
      setDraft(draftFrom(next.settings, next.file));
      setErrors({});
      toast.success(t("settings.toast.saved"));
      applyCatalog(await api<ModelsCatalog>("/api/models"));
    } catch (err) {
      const issues = err instanceof ApiError ? (err.details.issues as Issue[] | undefined) : undefined;
      if (err instanceof ApiError && err.code === "invalid_request" && issues?.length) {
        setErrors({ ...fieldErrors(issues, pending.entryIds, pending.hidden), summary: t("settings.error.invalid") });
        setRefusals((n) => n + 1);
      } else {
        setErrors({ summary: errorText(t, err) });
      }
    } finally {
      setSaving(false);
    }
  }

  function discard() {
    setDraft(draftFrom(view.settings, view.file));
    setErrors({});
  }

  async function refresh() {
    setRefreshing(true);
    try {
      applyCatalog(await api<ModelsCatalog>("/api/models/refresh", { method: "POST" }));
      toast.success(t("settings.lists.toast.done"));
    } catch (err) {
      toastError(t, err);
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <div ref={root} className="space-y-6" data-testid="model-settings">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("settings.models.title")}</h1>
        <p className="mt-1 text-sm text-ink-soft">{t("settings.models.subtitle")}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <GatewayCard
          t={t}
          view={view}
          catalog={catalog}
          draft={draft}
          errors={errors}
          onGateway={(gateway) => edit(["gateway"], (d) => ({ ...d, gateway }))}
          onDefault={(defaultModel) => edit(["defaultModel"], (d) => ({ ...d, defaultModel }))}
        />
        <ListsCard t={t} locale={locale} catalog={catalog} refreshing={refreshing} onRefresh={() => void refresh()} />
      </div>
      {fileSetsAnything(view.file) && <DeploymentCard t={t} view={view} />}
      <Card
        title={t("settings.models.section")}
        body={t("settings.models.sectionBody")}
        testId="settings-models"
        action={
          <span className="shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-[11px] font-medium text-ink-soft">
            {t("settings.models.count", { count: modelCount })}
          </span>
        }
      >
        <ModelsTable t={t} groups={groups} draft={draft} file={view.file} errors={errors} actions={actions} />
      </Card>
      <AddModelCards
        t={t}
        view={view}
        catalog={catalog}
        onAddModel={(id, family) => add({ id, family, label: "", timeout: "" })}
        onAddAlias={(id, aliasOf) => add({ id, aliasOf, label: "", timeout: "" })}
      />
      <SaveBar
        t={t}
        dirty={dirty}
        saving={saving}
        summary={errors.summary}
        general={errors.general}
        onSave={() => void save()}
        onDiscard={discard}
      />
    </div>
  );
}

function SaveBar({
  t,
  dirty,
  saving,
  summary,
  general,
  onSave,
  onDiscard,
}: {
  t: ReturnType<typeof useI18n>["t"];
  dirty: boolean;
  saving: boolean;
  summary: string | undefined;
  general: string | undefined;
  onSave: () => void;
  onDiscard: () => void;
}) {
  return (
    // Floats at the bottom of the window while the table scrolls, so Save is always one click away.
    <div
      className="sticky bottom-4 z-20 flex flex-wrap items-center gap-3 rounded-2xl border border-zinc-200 bg-white/95 px-5 py-3 shadow-lift backdrop-blur"
      data-testid="settings-save-bar"
      data-dirty={dirty}
    >
      <div className="min-w-0 flex-1 text-xs">
        {summary ? (
          <div role="alert" className="space-y-0.5 text-red-700" data-testid="settings-error">
            <p className="font-medium">{summary}</p>
            {general && <p>{general}</p>}
          </div>
        ) : (
          <p className={dirty ? "font-medium text-amber-800" : "text-ink-faint"} role="status">
            {dirty ? t("settings.dirty") : t("settings.clean")}
          </p>
        )}
      </div>
      <Button variant="ghost" onClick={onDiscard} disabled={!dirty || saving}>
        {t("settings.discard")}
      </Button>
      <Button variant="primary" onClick={onSave} disabled={saving || (!dirty && !summary)}>
        {saving && <Spinner className="size-4" />}
        {saving ? t("settings.saving") : t("settings.save")}
      </Button>
    </div>
  );
}
