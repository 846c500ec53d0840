"use client";

import { useEffect, useEffectEvent } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { IconSparkles } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/segmented";
import { Spinner } from "@/components/ui/spinner";
import type { ModelCard } from "@/lib/models";
import { visibleParams } from "@/lib/validation";
import { useModels } from "@/lib/stores/models";
import { usePanel } from "@/lib/stores/panel";
import {
  canEdit,
  draftIssues,
  isPromptEmpty,
  issuesByPath,
  pickModel,
  type ModelsCatalog,
  type PanelDraft,
} from "@/lib/stores/panel-logic";
import { InputImages } from "./input-images";
import { ModelPicker } from "./model-picker";
import { ParamField } from "./param-field";
import { PromptField } from "./prompt-field";
import { useSelectedInputs } from "./use-edit-input";
import { useSubmitGeneration } from "./use-submit";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

function PanelSkeleton({ failed, onRetry }: { failed: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  if (failed) {
    return (
      <div className="m-5 space-y-3 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900" role="alert">
        <p>{t("panel.modelsFailed")}</p>
        <Button onClick={onRetry}>{t("actions.retry")}</Button>
      </div>
    );
  }
  return (
    <div className="space-y-5 p-5" aria-busy="true" aria-label={t("panel.loading")}>
      {[40, 28, 120, 64, 64, 64].map((h, i) => (
        <div key={i} className="animate-pulse rounded-lg bg-zinc-100" style={{ height: h }} />
      ))}
    </div>
  );
}

function NoModels() {
  const { t } = useI18n();
  return (
    <p className="m-5 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" role="alert">
      {t("panel.noModels")}
    </p>
  );
}

function Footer({
  draft,
  ready,
  busy,
  hint,
}: {
  draft: PanelDraft;
  ready: boolean;
  busy: boolean;
  hint: string | null;
}) {
  const { t } = useI18n();
  const verb = draft.operation === "edit" ? t("panel.submitEdit") : t("panel.submit");
  return (
    <div className="space-y-2 border-t border-zinc-100 bg-white/95 p-4">
      <Button
        type="submit"
        variant="primary"
        disabled={!ready || busy}
        className="w-full bg-gradient-to-r from-brand-600 to-fuchsia-600 py-2.5 hover:from-brand-700 hover:to-fuchsia-700 disabled:from-brand-300 disabled:to-fuchsia-300"
      >
        {busy ? <Spinner className="size-4" /> : <IconSparkles size={16} />}
        {verb}
        <kbd className="ml-1 rounded bg-white/20 px-1.5 py-0.5 font-sans text-[10px] font-medium">
          {isMac() ? "⌘" : "Ctrl"} ↵
        </kbd>
      </Button>
      <p className="min-h-4 text-center text-[11px] text-ink-faint" data-testid="submit-hint">
        {hint ?? ""}
      </p>
    </div>
  );
}

/** A saved panel whose model the gateway retired was moved to its replacement: say so once. */
function MovedNotice({ catalog }: { catalog: ModelsCatalog }) {
  const { t } = useI18n();
  const notice = usePanel((s) => s.notice);
  const dismiss = usePanel((s) => s.dismissNotice);
  if (!notice) return null;
  const label = (id: string) => catalog.models.find((m) => m.id === id)?.label ?? id;
  return (
    <div
      role="status"
      data-testid="model-moved"
      className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-xs leading-snug text-amber-900"
    >
      <p className="flex-1">{t("panel.model.moved", { from: label(notice.from), to: label(notice.to) })}</p>
      <button type="button" onClick={dismiss} className="font-medium text-amber-800 hover:underline">
        {t("panel.model.dismiss")}
      </button>
    </div>
  );
}

function PanelForm({ catalog, card, projectId }: { catalog: ModelsCatalog; card: ModelCard; projectId: string }) {
  const { t } = useI18n();
  const { operation, prompt, values, inputs, selectModel, setOperation, setParam, setPrompt, removeInput } = usePanel();
  const { selectedCount, addSelected } = useSelectedInputs();
  const { busy, submit } = useSubmitGeneration(projectId);
  const draft: PanelDraft = { card, operation, prompt, values, inputAssetIds: inputs.map((i) => i.id) };
  const issues = issuesByPath(draftIssues(draft));
  const empty = isPromptEmpty(prompt);
  const ready = !empty && Object.keys(issues).length === 0;
  const hint = empty
    ? t("panel.hint.prompt")
    : operation === "edit" && inputs.length === 0
      ? t("panel.hint.inputs")
      : ready
        ? null
        : t("panel.hint.fix");
  const onShortcut = useEffectEvent((e: KeyboardEvent) => {
    if (e.key !== "Enter" || !(e.metaKey || e.ctrlKey) || document.querySelector("dialog[open]")) return;
    e.preventDefault();
    if (ready) void submit(draft);
  });
  useEffect(() => {
    const on = (e: KeyboardEvent) => onShortcut(e);
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, []);
  const opOptions = [
    { value: "generate", label: t("panel.op.generate"), disabled: !card.operations.includes("generate") },
    {
      value: "edit",
      label: t("panel.op.edit"),
      disabled: !canEdit(card),
      title: canEdit(card) ? undefined : t("panel.cap.noEdit"),
    },
  ];
  return (
    <form
      className="flex h-full min-h-0 flex-col"
      aria-label={t("panel.title")}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void submit(draft);
      }}
    >
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto p-5">
        <MovedNotice catalog={catalog} />
        <ModelPicker catalog={catalog} card={card} onSelect={selectModel} />
        <div className="space-y-1.5">
          <span className="text-xs font-medium text-ink-soft">{t("panel.operation")}</span>
          <Segmented
            size="md"
            label={t("panel.operation")}
            options={opOptions}
            value={operation}
            onChange={(op) => setOperation(card, op as "generate" | "edit")}
            testId="operation"
          />
        </div>
        {operation === "edit" && (
          <InputImages
            inputs={inputs}
            max={card.limits.maxImages}
            error={issues.inputAssetIds}
            selectedCount={selectedCount}
            onAddSelected={addSelected}
            onRemove={removeInput}
          />
        )}
        <PromptField value={prompt} max={card.limits.maxPromptChars} error={issues.prompt} onChange={setPrompt} />
        <section
          aria-label={t("panel.settings")}
          className="space-y-4 border-t border-zinc-100 pt-4"
          data-testid="param-panel"
        >
          <h3 className="text-[11px] font-semibold uppercase tracking-wider text-ink-faint">{t("panel.settings")}</h3>
          {visibleParams(card, operation).map((name) => (
            <ParamField
              key={`${card.id}:${name}`}
              card={card}
              operation={operation}
              name={name}
              values={values}
              error={issues[`params.${name}`]}
              onChange={(n, v) => setParam(card, n, v)}
            />
          ))}
        </section>
      </div>
      <Footer draft={draft} ready={ready} busy={busy} hint={hint} />
    </form>
  );
}

/** The left column: everything needed to start a generation, rendered from `GET /api/models`. */
export function PromptPanel({ projectId }: { projectId: string }) {
  const { status, catalog, load } = useModels();
  const modelId = usePanel((s) => s.modelId);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (catalog) usePanel.getState().init(catalog);
  }, [catalog]);
  const card = catalog?.models.find((m) => m.id === modelId);
  const retry = () => {
    useModels.setState({ status: "idle" });
    void load();
  };
  if (catalog && !pickModel(catalog, null)) return <NoModels />;
  if (!catalog || !card) return <PanelSkeleton failed={status === "error"} onRetry={retry} />;
  return <PanelForm catalog={catalog} card={card} projectId={projectId} />;
}
