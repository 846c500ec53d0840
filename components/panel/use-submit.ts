"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { errorText } from "@/components/ui/error-text";
import { createGeneration } from "@/lib/client/studio-api";
import { useJobs } from "@/lib/stores/jobs";
import { buildRequest, type PanelDraft } from "@/lib/stores/panel-logic";
import { toast } from "@/lib/stores/toasts";

/** POST the panel's request; the new job appears in the strip at once and is polled from there. */
export function useSubmitGeneration(projectId: string) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function submit(draft: PanelDraft) {
    if (busy) return;
    setBusy(true);
    try {
      const generation = await createGeneration(projectId, buildRequest(draft));
      useJobs.getState().upsert(generation);
    } catch (err) {
      toast.error(t("panel.toast.rejected", { message: errorText(t, err) }));
    } finally {
      setBusy(false);
    }
  }
  return { busy, submit };
}
