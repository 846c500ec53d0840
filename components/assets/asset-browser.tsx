"use client";

import { useSession } from "@/components/auth/session-provider";

import { useCallback, useEffect, useMemo, useState, type MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useI18n } from "@/components/i18n/locale-provider";
import { useEditInput } from "@/components/panel/use-edit-input";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { useAssets } from "@/lib/stores/assets";
import { useDetail } from "@/lib/stores/detail";
import { orderedSelection, useSelection } from "@/lib/stores/selection";
import { AssetGrid } from "./asset-grid";
import { AssetToolbar } from "./asset-toolbar";
import { BulkBar } from "./bulk-bar";
import { DetailHost } from "./detail-host";
import { GridEmpty, GridError, GridSkeleton } from "./grid-states";
import { usePickFiles } from "./upload-zone";
import { useAssetActions } from "./use-asset-actions";
import { loadAllAssets, loadMoreAssets, useAssetFeed } from "./use-asset-feed";
import { useGridShortcuts } from "./use-grid-shortcuts";

/** The right column's asset area: filter, grid, selection with its bulk bar, delete confirm, detail view. */
export function AssetBrowser({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  useAssetFeed(projectId);
  const { items, filter, status, nextCursor, loadingMore, uploading } = useAssets(
    useShallow((s) => ({
      items: s.items,
      filter: s.filter,
      status: s.status,
      nextCursor: s.nextCursor,
      loadingMore: s.loadingMore,
      uploading: s.uploading,
    })),
  );
  const selection = useSelection();
  const session = useSession();
  const mayDelete = (id: string) => session.canModify(items.find((a) => a.id === id)?.createdBy ?? null);
  const order = useMemo(() => items.map((a) => a.id), [items]);
  const { remove, exportAs } = useAssetActions();
  const pick = usePickFiles();
  const addInputs = useEditInput();
  const openDetail = useDetail((s) => s.open);
  const [pending, setPending] = useState<string[] | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [selectingAll, setSelectingAll] = useState(false);
  const selectedIds = orderedSelection(selection, order);
  const { prune, click, clear } = selection;

  useEffect(() => prune(order), [order, prune]);
  const onTileClick = useCallback(
    (id: string, e: MouseEvent) => click(order, id, { shift: e.shiftKey, toggle: e.metaKey || e.ctrlKey }),
    [click, order],
  );
  const onDeleteOne = useCallback((id: string) => setPending([id]), []);

  async function selectAll() {
    setSelectingAll(true);
    await loadAllAssets().catch(() => undefined);
    useSelection.getState().selectAll(useAssets.getState().items.map((a) => a.id));
    setSelectingAll(false);
  }
  async function confirmDelete() {
    if (!pending) return;
    setDeleting(true);
    await remove(pending);
    setDeleting(false);
    setPending(null);
  }
  useGridShortcuts((action) => {
    if (action === "delete" && selectedIds.length && selectedIds.every((id) => mayDelete(id))) setPending(selectedIds);
    if (action === "clear") clear();
    if (action === "all" && items.length) void selectAll();
  });

  let body;
  if (status === "error") body = <GridError onRetry={() => useAssets.getState().setStatus("idle")} />;
  else if (status !== "ready" && items.length === 0) body = <GridSkeleton />;
  else if (items.length === 0) body = <GridEmpty filter={filter} onUpload={pick} />;
  else {
    const footer = (
      <div className="flex h-16 items-start justify-center pt-4 text-xs text-ink-faint">
        {loadingMore && (
          <span className="inline-flex items-center gap-2">
            <Spinner className="size-3" />
            {t("assets.loadingMore")}
          </span>
        )}
      </div>
    );
    body = (
      <AssetGrid
        items={items}
        selected={selection.selected}
        label={t("assets.gridLabel")}
        onTileClick={onTileClick}
        onOpen={openDetail}
        onDelete={onDeleteOne}
        onEndReached={loadMoreAssets}
        footer={footer}
      />
    );
  }

  return (
    <section aria-label={t("assets.title")} className="relative flex min-h-0 flex-1 flex-col gap-3">
      {selectedIds.length > 0 ? (
        <BulkBar
          count={selectedIds.length}
          onExport={(format) => exportAs(format, selectedIds)}
          onDelete={() => setPending(selectedIds)}
          canDelete={selectedIds.every(mayDelete)}
          onUseAsInput={() =>
            addInputs(
              items.filter((a) => selection.selected.has(a.id)).map((a) => ({ id: a.id, thumbUrl: a.thumbUrl })),
            )
          }
          onClear={clear}
          onSelectAll={selectedIds.length < items.length || nextCursor ? selectAll : undefined}
        />
      ) : (
        <AssetToolbar
          filter={filter}
          loaded={items.length}
          more={nextCursor !== null}
          uploading={uploading}
          selectingAll={selectingAll}
          onFilter={(f) => f !== filter && useAssets.getState().setFilter(f)}
          onSelectAll={selectAll}
          onPick={pick}
        />
      )}
      {body}
      <ConfirmDialog
        open={pending !== null}
        title={t("assets.deleteConfirm.title", { count: pending?.length ?? 0 })}
        body={t("assets.deleteConfirm.body")}
        confirmLabel={t("assets.deleteConfirm.confirm")}
        cancelLabel={t("projects.cancel")}
        busy={deleting}
        onConfirm={confirmDelete}
        onCancel={() => setPending(null)}
      />
      <DetailHost onDelete={setPending} />
    </section>
  );
}
