"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { AssetImage } from "@/components/ui/asset-image";
import { IconPlus, IconX } from "@/components/ui/icons";
import type { InputImage } from "@/lib/stores/panel";

interface Props {
  inputs: InputImage[];
  max: number;
  error?: string;
  selectedCount: number;
  onAddSelected: () => void;
  onRemove: (id: string) => void;
}

/** The edit's input images as removable chips (1..max). */
export function InputImages({ inputs, max, error, selectedCount, onAddSelected, onRemove }: Props) {
  const { t } = useI18n();
  return (
    <section aria-label={t("panel.inputs")} data-testid="input-images" className="space-y-2">
      <div className="flex items-center justify-between">
        <span className="text-xs font-medium text-ink-soft">{t("panel.inputs")}</span>
        <span className="text-[11px] tabular-nums text-ink-faint">
          {t("panel.inputsCount", { count: inputs.length, max })}
        </span>
      </div>
      {inputs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-zinc-50 px-3 py-3 text-xs leading-relaxed text-ink-soft">
          {t("panel.inputsEmpty")}
        </p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {inputs.map((img, i) => (
            <li
              key={img.id}
              data-testid="input-chip"
              className="group relative size-14 overflow-hidden rounded-lg border border-zinc-200 bg-checker shadow-card"
            >
              <AssetImage
                src={img.thumbUrl}
                alt={t("panel.inputAlt", { index: i + 1 })}
                className="size-full object-cover"
              />
              <button
                type="button"
                onClick={() => onRemove(img.id)}
                aria-label={t("panel.removeInput", { index: i + 1 })}
                className="absolute right-0.5 top-0.5 grid size-5 place-items-center rounded-full bg-zinc-900/75 text-white opacity-90 hover:bg-zinc-900"
              >
                <IconX size={11} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {selectedCount > 0 && (
        <button
          type="button"
          onClick={onAddSelected}
          className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:text-brand-800"
        >
          <IconPlus size={13} />
          {t("panel.addSelected", { count: selectedCount })}
        </button>
      )}
      {error && inputs.length > 0 && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </section>
  );
}
