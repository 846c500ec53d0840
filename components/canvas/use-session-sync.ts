"use client";

import { useEffect, useEffectEvent, useRef, type RefObject } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import type { SessionKind } from "@/lib/canvas/sessions";
import { getSession, putSession } from "@/lib/client/editor-api";
import { SessionSync, type LocalCopy, type SyncNotice, type SyncTarget } from "@/lib/client/session-sync";
import type { MessageKey } from "@/lib/i18n";
import { toast } from "@/lib/stores/toasts";

const NOTICE: Record<SessionKind, Record<"updated" | "merged", MessageKey>> = {
  mask: { updated: "editor.session.mask.updated", merged: "editor.session.mask.merged" },
  cutout: { updated: "editor.session.cutout.updated", merged: "editor.session.cutout.merged" },
};

const browserStorage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled (a privacy mode): the server copy alone
  }
};

/**
 * Keep an editor session on the server while the editor is open (lib/client/session-sync.ts): read on mount and
 * when the page comes back, saved after each change the caller reports (`sync.current.changed()`), toasts when a
 * newer copy from elsewhere is taken. Mounted after hydration only (the editor's panels are), like the storage it reads.
 */
export function useSessionSync(
  assetId: string,
  kind: SessionKind,
  target: SyncTarget,
  local: LocalCopy | null,
): RefObject<SessionSync | null> {
  const { t } = useI18n();
  const { user, names } = useSession();
  const sync = useRef<SessionSync | null>(null);
  const notify = useEffectEvent((n: SyncNotice) => {
    if (n.type === "too_large") return void toast.info(t("editor.session.tooLarge"));
    const who =
      n.by !== null && n.by === user?.id
        ? t("editor.session.who.self")
        : ((n.by !== null ? names[n.by] : undefined) ?? t("editor.session.who.someone"));
    toast.info(t(NOTICE[kind][n.type], { who }));
  });
  useEffect(() => {
    const s = new SessionSync(assetId, kind, target, local, {
      get: getSession,
      put: putSession,
      storage: browserStorage(),
      notify: (n) => notify(n),
    });
    sync.current = s;
    const detach = s.attach(window);
    void s.refresh();
    return () => {
      detach();
      s.dispose();
      if (sync.current === s) sync.current = null;
    };
  }, [assetId, kind, target, local]);
  return sync;
}
