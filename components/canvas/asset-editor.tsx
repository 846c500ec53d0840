"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { CutoutPanel } from "@/components/cutout/cutout-panel";
import { useSession } from "@/components/auth/session-provider";
import { toastError } from "@/components/errors/toast-error";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Segmented } from "@/components/ui/segmented";
import type { Asset } from "@/lib/contracts/assets";
import { deleteAsset } from "@/lib/client/studio-api";
import { toast } from "@/lib/stores/toasts";
import { InpaintEditor } from "./inpaint-editor";

export type EditorTab = "inpaint" | "cutout";

const noSubscription = () => () => {};
/** False in the server's markup and while hydrating, true after: for what only the browser knows. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** The designer's page for one asset: inpaint with a mask, or cut the product out. */
export function AssetEditor({
  asset,
  projectName,
  initialTab,
}: {
  asset: Asset;
  projectName: string;
  initialTab: EditorTab;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [tab, setTab] = useState<EditorTab>(initialTab);
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const mayDelete = useSession().canModify(asset.createdBy);

  async function remove() {
    setBusy(true);
    try {
      await deleteAsset(asset.id);
      toast.success(t("editor.toast.deleted"));
      router.push(`/projects/${asset.projectId}`);
    } catch (err) {
      toastError(t, err);
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <div className="flex h-[calc(100vh-9rem)] min-h-[560px] flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/projects/${asset.projectId}`} className="text-sm text-ink-soft hover:text-ink">
          ← {projectName}
        </Link>
        <h1 className="truncate text-lg font-semibold tracking-tight" data-testid="editor-title">
          {asset.originalName ?? asset.prompt ?? t("editor.untitled")}
        </h1>
        <span className="text-xs text-ink-faint">
          {asset.width} × {asset.height}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <Segmented
            label={t("editor.tabs")}
            size="md"
            testId="editor-tabs"
            options={[
              { value: "inpaint", label: t("editor.tab.inpaint") },
              { value: "cutout", label: t("editor.tab.cutout") },
            ]}
            value={tab}
            onChange={(v) => setTab(v as EditorTab)}
          />
          {mayDelete && (
            <Button variant="ghost" className="text-red-600 hover:bg-red-50" onClick={() => setConfirming(true)}>
              {t("editor.delete")}
            </Button>
          )}
        </div>
      </div>
      {/* Both keep their history in this browser's storage: mounted after hydration, so the server's markup
          (which cannot know it) never differs from the first render in the browser (React #418). */}
      {!hydrated ? (
        <div className="h-[520px] animate-pulse rounded-2xl border border-zinc-200 bg-white" aria-busy="true" />
      ) : tab === "inpaint" ? (
        <InpaintEditor asset={asset} />
      ) : (
        <CutoutPanel asset={asset} />
      )}
      <ConfirmDialog
        open={confirming}
        title={t("editor.deleteConfirm.title")}
        body={t("editor.deleteConfirm.body")}
        confirmLabel={t("editor.delete")}
        cancelLabel={t("projects.cancel")}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
