"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ErrorDetails } from "@/components/errors/error-details";
import { toastError } from "@/components/errors/toast-error";
import { useI18n } from "@/components/i18n/locale-provider";
import { ParamField } from "@/components/panel/param-field";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToastClearance } from "@/components/ui/toaster";
import type { Asset } from "@/lib/contracts/assets";
import { hasPaint, type MaskHistory } from "@/lib/canvas";
import { uploadOne } from "@/lib/client/editor-api";
import { maskPng } from "@/lib/client/mask-png";
import { cancelGeneration, createGeneration } from "@/lib/client/studio-api";
import { describeError } from "@/lib/errors-view";
import type { ModelCard } from "@/lib/models";
import { useModels } from "@/lib/stores/models";
import { toast } from "@/lib/stores/toasts";
import { buildGenerationBody } from "@/lib/contracts/generation-body";
import { isAvailable } from "@/lib/stores/panel-logic";
import { sanitizeParamsForModel, validateParams, visibleParams } from "@/lib/validation";
import { CompareSlider } from "./compare-slider";
import { ReferencePicker } from "./reference-picker";
import { useGenerationWatch } from "./use-generation-watch";

const maskCapable = (m: ModelCard) => m.operations.includes("edit") && m.featureTags.includes("oa_mask");

/** Prompt, model and params of the edit; sends mask + image(s); follows the job; shows before/after. */
export function InpaintSubmit({ asset, history, version }: { asset: Asset; history: MaskHistory; version: number }) {
  const { t } = useI18n();
  const { catalog, load } = useModels();
  useEffect(() => void load(), [load]);
  const models = useMemo(() => (catalog?.models ?? []).filter(maskCapable), [catalog]);
  const [modelId, setModelId] = useState<string | null>(null);
  // The catalog's default when it can take a mask, else the first usable mask-capable model: data, not a literal.
  const card =
    models.find((m) => m.id === modelId) ??
    models.find((m) => m.id === catalog?.defaultModel) ??
    models.find((m) => catalog && isAvailable(catalog, m)) ??
    models[0];
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [prompt, setPrompt] = useState("");
  const [refs, setRefs] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  // A refused request (upload, create); a failed job speaks for itself below. Mapped at render: the language may change.
  const [refused, setRefused] = useState<unknown>(null);
  const job = useGenerationWatch(asset.projectId, jobId, (g) => {
    if (g.status === "succeeded") toast.success(t("editor.toast.done"));
    else if (g.status === "failed") toastError(t, g);
  });
  const asideRef = useRef<HTMLElement>(null);
  useToastClearance(asideRef);
  // Cheap while drawing; the exact pixel check runs once, at submit.
  const painted = history.strokes.some((s) => s.tool === "brush");
  const issues = card ? validateParams(card, "edit", params) : [];
  const running = job?.status === "queued" || job?.status === "running";
  void version;

  function pickModel(id: string) {
    const next = models.find((m) => m.id === id);
    if (!next) return;
    setModelId(id);
    setParams(sanitizeParamsForModel(next, "edit", params));
    setRefs((r) => r.slice(0, Math.max(0, next.limits.maxImages - 1)));
  }

  async function submit() {
    if (!card || busy || running) return;
    if (!prompt.trim()) return toast.error(t("editor.needPrompt"));
    if (!painted || !hasPaint(history.strokes, asset.width, asset.height)) return toast.error(t("editor.needMask"));
    setBusy(true);
    setRefused(null);
    try {
      const blob = await maskPng(history.strokes, asset.width, asset.height);
      const mask = await uploadOne(asset.projectId, blob, `mask-${asset.id}.png`, "mask");
      const values = sanitizeParamsForModel(card, "edit", params);
      const body = buildGenerationBody({
        card,
        operation: "edit",
        prompt,
        values,
        inputAssetIds: [asset.id, ...refs],
        maskAssetId: mask.id,
      });
      const g = await createGeneration(asset.projectId, body);
      setJobId(g.id);
    } catch (err) {
      setRefused(err);
      toastError(t, err);
    } finally {
      setBusy(false);
    }
  }

  const resultId = job?.status === "succeeded" ? job.assetIds[0] : null;
  const failed = refused !== null ? refused : job?.status === "failed" ? job : null;
  const failure = failed === null ? null : describeError(t, failed);
  const failureRef = useRef<HTMLDivElement>(null);
  const failedId = refused !== null ? "refused" : job?.status === "failed" ? job.id : null;
  // The button sits low in a scrolling panel: bring its failure into view once, as the result is.
  useEffect(() => {
    if (failedId) failureRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [failedId]);
  const resultRef = useRef<HTMLDivElement>(null);
  // Bring the before/after into view once, when the result arrives.
  useEffect(() => {
    if (resultId) resultRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [resultId]);
  return (
    <aside
      ref={asideRef}
      className="flex min-h-0 flex-col gap-4 overflow-y-auto border-l border-zinc-200 bg-zinc-50/60 p-4"
      aria-label={t("editor.editPanel")}
    >
      <label className="block space-y-1.5">
        <span className="text-xs font-medium text-ink-soft">{t("editor.prompt")}</span>
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          rows={3}
          placeholder={t("editor.promptPlaceholder")}
          className="w-full resize-y rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm shadow-card focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100"
          onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key === "Enter" && void submit()}
        />
      </label>
      <label className="block space-y-1.5">
        <span className="text-xs font-medium text-ink-soft">{t("editor.model")}</span>
        <select
          value={card?.id ?? ""}
          onChange={(e) => pickModel(e.target.value)}
          aria-label={t("editor.model")}
          className="w-full rounded-lg border border-zinc-200 bg-white px-2.5 py-1.5 text-sm shadow-card"
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {card && (
        <div className="space-y-3">
          {visibleParams(card, "edit").map((name) => (
            <ParamField
              key={name}
              card={card}
              operation="edit"
              name={name}
              values={params}
              error={issues.find((i) => i.path === `params.${name}`)?.message}
              onChange={(n, v) => setParams((p) => ({ ...p, [n]: v }))}
            />
          ))}
        </div>
      )}
      {card && card.limits.maxImages > 1 && (
        <ReferencePicker asset={asset} max={card.limits.maxImages - 1} selected={refs} onChange={setRefs} />
      )}
      <div className="space-y-2">
        <Button
          variant="primary"
          className="w-full"
          onClick={() => void submit()}
          disabled={!card || busy || running || issues.length > 0}
          data-testid="inpaint-submit"
        >
          {busy ? t("editor.sending") : t("editor.submit")}
        </Button>
        {!painted && <p className="text-xs text-ink-soft">{t("editor.needMask")}</p>}
        {/* Beside the button that caused it, where the eye already is; the toast only echoes it. */}
        {failure && !running && (
          <div ref={failureRef}>
            <ErrorDetails
              error={failure}
              framed
              role="alert"
              testId="inpaint-error"
              copyLabel={refused === null ? t("jobs.copyRequestId") : undefined}
            />
          </div>
        )}
      </div>
      {job && running && (
        <div className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3" data-testid="inpaint-job">
          <ProgressBar value={job.current} max={job.total} label={job.message} indeterminate={job.current === 0} />
          <div className="flex items-center justify-between text-xs text-ink-soft">
            <span>{job.message}</span>
            <Button
              variant="ghost"
              className="px-2 py-0.5 text-xs"
              onClick={() => void cancelGeneration(asset.projectId, job.id).catch(() => undefined)}
            >
              {t("editor.cancel")}
            </Button>
          </div>
        </div>
      )}
      {resultId && (
        <div className="space-y-2" data-testid="inpaint-result" ref={resultRef}>
          <CompareSlider
            before={asset.fileUrl}
            after={`/api/assets/${resultId}/file`}
            width={asset.width}
            height={asset.height}
          />
          <div className="flex gap-2">
            <Link
              href={`/projects/${asset.projectId}/assets/${resultId}/edit`}
              className="text-xs font-medium text-brand-700 hover:underline"
            >
              {t("editor.openResult")}
            </Link>
          </div>
        </div>
      )}
    </aside>
  );
}
