"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useGenerationWatch } from "@/components/canvas/use-generation-watch";
import { ErrorDetails } from "@/components/errors/error-details";
import { toastError } from "@/components/errors/toast-error";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { useToastClearance } from "@/components/ui/toaster";
import type { Asset } from "@/lib/contracts/assets";
import type { CutoutParams, CutoutSnapshot } from "@/lib/canvas";
import { ApiError } from "@/lib/client/api";
import { aiCutout, localCutout } from "@/lib/client/editor-api";
import { deleteAsset } from "@/lib/client/studio-api";
import type { Generation } from "@/lib/contracts/generations";
import { describeError } from "@/lib/errors-view";
import { useModels } from "@/lib/stores/models";
import { isAvailable } from "@/lib/stores/panel-logic";
import { CutoutHistoryList } from "./cutout-history-list";
import { CutoutParamsForm, localRequestParams } from "./cutout-params";
import { useCutoutHistory } from "./use-cutout-history";

/** Cut the product out (locally or with a model), with undo/redo over params and a snapshot of every run. */
export function CutoutPanel({ asset }: { asset: Asset }) {
  const { t } = useI18n();
  const { history, act } = useCutoutHistory(asset.id);
  const [draft, setDraft] = useState<CutoutParams | null>(null);
  const params = draft ?? history.params;
  const { catalog, load } = useModels();
  useEffect(() => void load(), [load]);
  const aiModels = useMemo(
    () =>
      (catalog?.models ?? []).filter(
        (m) =>
          m.operations.includes("edit") &&
          m.featureTags.includes("oa_transparent_background") &&
          catalog !== null &&
          isAvailable(catalog, m),
      ),
    [catalog],
  );
  const [aiRun, setAiRun] = useState<{ runId: number; generationId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The last run's failure (a refused request or the AI job), mapped at render: the language may change.
  const [failed, setFailed] = useState<unknown>(null);
  const asideRef = useRef<HTMLElement>(null);
  useToastClearance(asideRef);

  const finishAi = (g: Generation) => {
    if (!aiRun) return;
    if (g.status === "succeeded" && g.assetIds[0]) act((h) => h.succeed(aiRun.runId, g.assetIds[0]));
    else {
      // The history keeps the code (translated when shown), not the upstream's English.
      act((h) => h.fail(aiRun.runId, g.error?.code ?? g.status));
      setFailed(g);
      toastError(t, g);
    }
    setAiRun(null);
  };
  useGenerationWatch(asset.projectId, aiRun?.generationId ?? null, finishAi);

  const commit = (p: CutoutParams) => {
    setDraft(null);
    act((h) => h.setParams(p));
  };

  async function run() {
    const p = history.params;
    const runId = act((h) => h.startRun(p.mode === "ai" ? "ai" : "local"));
    setBusy(true);
    setFailed(null);
    try {
      if (p.mode === "ai") {
        const model = aiModels.find((m) => m.id === p.model) ?? aiModels[0];
        if (!model) throw new ApiError("operation_not_supported", t("cutout.noAiModel"), 400);
        const g = await aiCutout(asset.id, model.id);
        setAiRun({ runId, generationId: g.id });
      } else {
        const result = await localCutout(asset.id, localRequestParams(p));
        act((h) => h.succeed(runId, result.id));
      }
    } catch (err) {
      act((h) => h.fail(runId, err instanceof ApiError ? err.code : "unknown"));
      setFailed(err);
      toastError(t, err);
    } finally {
      setBusy(false);
    }
  }

  async function removeResult(r: CutoutSnapshot) {
    if (!r.resultAssetId) return;
    try {
      await deleteAsset(r.resultAssetId);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "not_found")) return void toastError(t, err);
    }
    act((h) => h.forgetAsset(r.resultAssetId!));
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        !(e.ctrlKey || e.metaKey) ||
        (e.target instanceof HTMLElement &&
          ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName) &&
          (e.target as HTMLInputElement).type !== "range")
      )
        return;
      const k = e.key.toLowerCase();
      if (k === "z" || k === "y") {
        e.preventDefault();
        setDraft(null);
        act((h) => (k === "y" || e.shiftKey ? h.redo() : h.undo()));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [act]);

  const shown = history.shown;
  const running = busy || aiRun !== null;
  const failure = failed !== null && !running ? describeError(t, failed) : null;
  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_340px] overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-card">
      <div className="flex min-h-[420px] flex-col gap-3 p-4">
        <div
          className="bg-checker relative flex flex-1 items-center justify-center overflow-hidden rounded-xl border border-zinc-200"
          data-testid="cutout-preview"
          data-shown={shown?.resultAssetId ?? ""}
        >
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={shown?.resultAssetId ? `/api/assets/${shown.resultAssetId}/file` : asset.fileUrl}
            alt={shown ? t("cutout.result") : t("cutout.original")}
            className="max-h-full max-w-full object-contain"
          />
          <span className="absolute left-2 top-2 rounded bg-black/60 px-1.5 py-0.5 text-[10px] font-medium text-white">
            {shown ? t("cutout.resultOf", { id: shown.id }) : t("cutout.original")}
          </span>
        </div>
      </div>
      <aside
        ref={asideRef}
        className="flex min-h-0 flex-col gap-4 overflow-y-auto border-l border-zinc-200 bg-zinc-50/60 p-4"
        aria-label={t("cutout.panel")}
      >
        <CutoutParamsForm params={params} aiModels={aiModels} onDraft={setDraft} onCommit={commit} />
        <div className="flex gap-2">
          <Button
            variant="ghost"
            className="px-2 py-1 text-xs"
            disabled={!history.canUndo}
            onClick={() => (setDraft(null), act((h) => h.undo()))}
          >
            {t("editor.undo")}
          </Button>
          <Button
            variant="ghost"
            className="px-2 py-1 text-xs"
            disabled={!history.canRedo}
            onClick={() => (setDraft(null), act((h) => h.redo()))}
          >
            {t("editor.redo")}
          </Button>
          <Button
            variant="primary"
            className="ml-auto"
            onClick={() => void run()}
            disabled={running || (params.mode === "ai" && aiModels.length === 0)}
            data-testid="cutout-run-button"
          >
            {running ? t("cutout.running") : t("cutout.run")}
          </Button>
        </div>
        {/* Under the Run button that caused it; the toast only echoes it. */}
        {failure && (
          <div className="space-y-1">
            <ErrorDetails
              error={failure}
              framed
              role="alert"
              testId="cutout-error"
              copyLabel={failed instanceof ApiError ? undefined : t("jobs.copyRequestId")}
            />
            {history.lastSuccessful && <p className="text-[11px] text-ink-soft">{t("cutout.toast.failed")}</p>}
          </div>
        )}
        <Button
          onClick={() => act((h) => h.revertToLastSuccessful())}
          disabled={!history.lastSuccessful}
          data-testid="cutout-revert"
        >
          {t("cutout.revert")}
        </Button>
        <div className="space-y-2">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-faint">{t("cutout.history")}</h3>
          <CutoutHistoryList
            runs={history.runs}
            shownId={shown?.id ?? null}
            onShow={(id) => act((h) => h.show(id))}
            onDelete={(r) => void removeResult(r)}
          />
        </div>
      </aside>
    </div>
  );
}
