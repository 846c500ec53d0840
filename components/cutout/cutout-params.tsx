"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { Segmented } from "@/components/ui/segmented";
import type { CutoutParams } from "@/lib/canvas";
import type { ModelCard } from "@/lib/models";

interface Props {
  params: CutoutParams;
  aiModels: ModelCard[];
  onDraft: (p: CutoutParams) => void;
  onCommit: (p: CutoutParams) => void;
}

function Slider({
  label,
  name,
  min,
  max,
  value,
  unit = "",
  onDraft,
  onCommit,
}: {
  label: string;
  name: string;
  min: number;
  max: number;
  value: number;
  unit?: string;
  onDraft: (v: number) => void;
  onCommit: (v: number) => void;
}) {
  return (
    <label className="block space-y-1">
      <span className="flex justify-between text-xs font-medium text-ink-soft">
        {label}
        <span className="tabular-nums text-ink" data-testid={`cutout-${name}-value`}>
          {value}
          {unit}
        </span>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        value={value}
        aria-label={label}
        data-testid={`cutout-${name}`}
        onChange={(e) => onDraft(Number(e.target.value))}
        // A drag is one undo step: committed when released (mouse, touch or keyboard).
        onPointerUp={(e) => onCommit(Number((e.target as HTMLInputElement).value))}
        onKeyUp={(e) => onCommit(Number((e.target as HTMLInputElement).value))}
        className="w-full accent-brand-600"
      />
    </label>
  );
}

const CANVAS_SIZES = [0, 800, 1000, 1200, 1600];

/** The cutout parameters; every finished change is one undoable step. */
export function CutoutParamsForm({ params, aiModels, onDraft, onCommit }: Props) {
  const { t } = useI18n();
  const set = (name: string) => ({
    onDraft: (v: number | string) => onDraft({ ...params, [name]: v }),
    onCommit: (v: number | string) => onCommit({ ...params, [name]: v }),
  });
  const local = params.mode === "local";
  return (
    <div className="space-y-4">
      <Segmented
        label={t("cutout.mode")}
        testId="cutout-mode"
        options={[
          { value: "local", label: t("cutout.mode.local") },
          { value: "ai", label: t("cutout.mode.ai") },
        ]}
        value={String(params.mode)}
        onChange={(v) => onCommit({ ...params, mode: v })}
      />
      {local ? (
        <>
          <Slider
            label={t("cutout.tolerance")}
            name="tolerance"
            min={0}
            max={100}
            value={Number(params.tolerance)}
            {...set("tolerance")}
          />
          <Slider
            label={t("cutout.feather")}
            name="feather"
            min={0}
            max={20}
            value={Number(params.feather)}
            unit="px"
            {...set("feather")}
          />
          <Slider
            label={t("cutout.grow")}
            name="grow"
            min={-20}
            max={20}
            value={Number(params.grow)}
            unit="px"
            {...set("grow")}
          />
          <Segmented
            label={t("cutout.background")}
            options={[
              { value: "transparent", label: t("cutout.bg.transparent") },
              { value: "white", label: t("cutout.bg.white") },
            ]}
            value={String(params.background)}
            onChange={(v) => onCommit({ ...params, background: v })}
          />
          <label className="block space-y-1">
            <span className="text-xs font-medium text-ink-soft">{t("cutout.canvas")}</span>
            <select
              value={Number(params.canvas)}
              onChange={(e) => onCommit({ ...params, canvas: Number(e.target.value) })}
              aria-label={t("cutout.canvas")}
              className="w-full rounded-lg border border-zinc-200 bg-white px-2.5 py-1.5 text-sm shadow-card"
            >
              {CANVAS_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? t("cutout.canvas.original") : `${s} × ${s}`}
                </option>
              ))}
            </select>
          </label>
          {Number(params.canvas) > 0 && (
            <Slider
              label={t("cutout.padding")}
              name="padding"
              min={0}
              max={40}
              value={Number(params.padding)}
              unit="%"
              {...set("padding")}
            />
          )}
        </>
      ) : aiModels.length === 0 ? (
        // Today's gateway may offer no model with a transparent background (gpt-image-2 has none): say so.
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-2.5 py-2 text-xs text-amber-900" role="status">
          {t("cutout.noAiModel")}
        </p>
      ) : (
        <label className="block space-y-1">
          <span className="text-xs font-medium text-ink-soft">{t("cutout.aiModel")}</span>
          <select
            value={aiModels.some((m) => m.id === params.model) ? String(params.model) : (aiModels[0]?.id ?? "")}
            onChange={(e) => onCommit({ ...params, model: e.target.value })}
            aria-label={t("cutout.aiModel")}
            className="w-full rounded-lg border border-zinc-200 bg-white px-2.5 py-1.5 text-sm shadow-card"
          >
            {aiModels.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
          <span className="block text-[11px] text-ink-faint">{t("cutout.aiHint")}</span>
        </label>
      )}
    </div>
  );
}

/** The request body of a local run. */
export function localRequestParams(p: CutoutParams): Record<string, unknown> {
  const canvas =
    Number(p.canvas) > 0
      ? { width: Number(p.canvas), height: Number(p.canvas), padding: Number(p.padding) }
      : undefined;
  return {
    tolerance: Number(p.tolerance),
    feather: Number(p.feather),
    grow: Number(p.grow),
    background: p.background,
    ...(canvas ? { canvas } : {}),
  };
}
