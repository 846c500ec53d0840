import { useAssets } from "./assets";
import { useDetail } from "./detail";
import { usePanel } from "./panel";
import { useSelection } from "./selection";

/** Forget deleted assets everywhere the page holds them: grid, selection, the panel's inputs, the detail view. */
export function forgetAssets(ids: string[]): void {
  if (ids.length === 0) return;
  useAssets.getState().remove(ids);
  useSelection.getState().prune(useAssets.getState().items.map((a) => a.id));
  usePanel.getState().dropInputs(ids);
  const open = useDetail.getState().assetId;
  if (open && ids.includes(open)) useDetail.getState().close();
}
