"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { toastError } from "@/components/errors/toast-error";
import { createGeneration } from "@/lib/client/studio-api";
import { useJobs } from "@/lib/stores/jobs";
import { buildRequest, type PanelDraft } from "@/lib/stores/panel-logic";

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
      toastError(t, err, (title) => t("panel.toast.rejected", { message: title }));
    } finally {
      setBusy(false);
    }
  }
  return { busy, submit };
}
