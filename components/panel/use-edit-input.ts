"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { modelLabel, useModels } from "@/lib/stores/models";
import { usePanel, type InputImage } from "@/lib/stores/panel";
import { useAssets } from "@/lib/stores/assets";
import { useSelection } from "@/lib/stores/selection";
import { toast } from "@/lib/stores/toasts";

/**
 * "Use as edit input": put images into the panel's inputs and switch to edit, moving to a model
 * that can edit when the current one cannot. Used by the detail view, the bulk bar and the panel.
 */
export function useEditInput(): (images: InputImage[]) => boolean {
  const { t } = useI18n();
  const catalog = useModels((s) => s.catalog);
  return (images) => {
    if (!catalog || images.length === 0) return false;
    const r = usePanel.getState().addInputs(catalog, images);
    if (!r.ok) {
      toast.error(t("panel.toast.noEditModel"));
      return false;
    }
    const count = images.length - r.dropped;
    toast.success(
      r.switchedTo
        ? t("panel.toast.inputsModel", { count, model: modelLabel(catalog, r.switchedTo) })
        : t("panel.toast.inputs", { count }),
    );
    if (r.dropped > 0) toast.info(t("panel.toast.inputsDropped", { count: r.dropped }));
    return true;
  };
}

/** The grid selection as edit inputs (the panel's "Add selected"). */
export function useSelectedInputs() {
  const selected = useSelection((s) => s.selected);
  const items = useAssets((s) => s.items);
  const addInputs = useEditInput();
  const images =
    selected.size === 0 ? [] : items.filter((a) => selected.has(a.id)).map((a) => ({ id: a.id, thumbUrl: a.thumbUrl }));
  return { selectedCount: images.length, addSelected: () => addInputs(images) };
}
