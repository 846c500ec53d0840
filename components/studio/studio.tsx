"use client";

import { useEffect } from "react";
import { AssetBrowser } from "@/components/assets/asset-browser";
import { UploadZone } from "@/components/assets/upload-zone";
import { JobsStrip } from "@/components/jobs/jobs-strip";
import { PromptPanel } from "@/components/panel/prompt-panel";
import { usePanel } from "@/lib/stores/panel";
import { useSelection } from "@/lib/stores/selection";
import { useFillHeight } from "./use-fill-height";

/**
 * The project studio: prompt panel on the left; jobs and the asset grid on the right. Each side
 * scrolls on its own; images can be dropped anywhere on it.
 */
export function Studio({ projectId }: { projectId: string }) {
  const { ref, height } = useFillHeight<HTMLDivElement>(20);
  useEffect(() => {
    usePanel.getState().openProject(projectId);
    useSelection.getState().clear();
  }, [projectId]);
  return (
    <div ref={ref} data-studio style={{ height: height ?? undefined }} className="min-h-[560px]">
      <UploadZone projectId={projectId} className="grid h-full grid-cols-[360px_minmax(0,1fr)] gap-5">
        <aside className="min-h-0 overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-card">
          <PromptPanel projectId={projectId} />
        </aside>
        <div className="flex min-h-0 min-w-0 flex-col gap-4">
          <JobsStrip projectId={projectId} />
          <AssetBrowser projectId={projectId} />
        </div>
      </UploadZone>
    </div>
  );
}
