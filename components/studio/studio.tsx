"use client";

import { useEffect } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { AssetBrowser } from "@/components/assets/asset-browser";
import { UploadZone } from "@/components/assets/upload-zone";
import { JobsStrip } from "@/components/jobs/jobs-strip";
import { PromptPanel } from "@/components/panel/prompt-panel";
import { usePanel } from "@/lib/stores/panel";
import { useSelection } from "@/lib/stores/selection";
import { useFillHeight } from "./use-fill-height";
import { useProjectEvents } from "./use-project-events";
import { useUrlState } from "./use-url-state";

/**
 * The project studio: prompt panel on the left; jobs and the asset grid on the right. Each side
 * scrolls on its own; images can be dropped anywhere on it.
 */
export function Studio({ projectId }: { projectId: string }) {
  const { ref, height } = useFillHeight<HTMLDivElement>(20);
  const { t } = useI18n();
  const session = useSession();
  useProjectEvents(projectId);
  useUrlState(projectId);
  useEffect(() => {
    usePanel.getState().openProject(projectId);
    useSelection.getState().clear();
  }, [projectId]);
  const work = (
    <div className="flex min-h-0 min-w-0 flex-col gap-4">
      <JobsStrip projectId={projectId} />
      <AssetBrowser projectId={projectId} />
    </div>
  );
  // A viewer looks: no prompt panel, no drop target; the grid takes the whole width.
  if (!session.can("create")) {
    return (
      <div ref={ref} data-studio style={{ height: height ?? undefined }} className="flex min-h-[560px] flex-col gap-3">
        <p
          role="note"
          data-testid="read-only-note"
          className="rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-2 text-sm text-ink-soft"
        >
          {t("auth.readOnly", { role: t(`role.${session.role ?? "viewer"}`) })}
        </p>
        {work}
      </div>
    );
  }
  return (
    <div ref={ref} data-studio style={{ height: height ?? undefined }} className="min-h-[560px]">
      <UploadZone projectId={projectId} className="grid h-full grid-cols-[360px_minmax(0,1fr)] gap-5">
        <aside className="min-h-0 overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-card">
          <PromptPanel projectId={projectId} />
        </aside>
        {work}
      </UploadZone>
    </div>
  );
}
