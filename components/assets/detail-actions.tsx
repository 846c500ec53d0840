"use client";

import type { ReactNode } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { useEditInput } from "@/components/panel/use-edit-input";
import { IconBrush, IconDownload, IconEdit, IconScissors, IconTrash } from "@/components/ui/icons";
import type { Asset } from "@/lib/contracts/assets";
import { assetFileName } from "@/lib/contracts/file-names";

/**
 * What the detail view offers for an asset. The view renders whatever this list holds, so new tools
 * (the next issue's "Edit with mask" and "Cut out") are one more entry here, not a change to the view.
 */
export interface DetailAction {
  id: string;
  label: string;
  icon: ReactNode;
  tone: "primary" | "secondary" | "danger";
  /** A link (download) instead of a click handler. */
  href?: { url: string; download: string };
  /** A page of the studio to open (the editor). */
  link?: string;
  run?: () => void;
}

/** The file's own name (its upload's, with its type's extension), else `<id>.<ext>`; the server sends the same. */
export function downloadName(asset: Pick<Asset, "id" | "mimeType" | "originalName">): string {
  return assetFileName(asset);
}

export function useDetailActions(
  asset: Asset,
  ctx: { onDelete: (id: string) => void; onClose: () => void },
): DetailAction[] {
  const { t } = useI18n();
  const addInputs = useEditInput();
  const session = useSession();
  const actions: DetailAction[] = [
    {
      id: "use-as-input",
      label: t("detail.useAsInput"),
      icon: <IconEdit size={15} />,
      tone: "primary",
      run: () => {
        if (addInputs([{ id: asset.id, thumbUrl: asset.thumbUrl }])) ctx.onClose();
      },
    },
    {
      id: "edit-mask",
      label: t("detail.editWithMask"),
      icon: <IconBrush size={15} />,
      tone: "secondary",
      link: `/projects/${asset.projectId}/assets/${asset.id}/edit`,
    },
    {
      id: "cutout",
      label: t("detail.cutout"),
      icon: <IconScissors size={15} />,
      tone: "secondary",
      link: `/projects/${asset.projectId}/assets/${asset.id}/edit?tab=cutout`,
    },
    {
      id: "download",
      label: t("detail.download"),
      icon: <IconDownload size={15} />,
      tone: "secondary",
      href: { url: `${asset.fileUrl}?download=1`, download: downloadName(asset) },
    },
    {
      id: "delete",
      label: t("detail.delete"),
      icon: <IconTrash size={15} />,
      tone: "danger",
      run: () => ctx.onDelete(asset.id),
    },
  ];
  // Masks are inputs of an edit, not pictures to edit; a viewer only looks and downloads; a creator
  // deletes only their own (the server refuses the rest regardless).
  const hidden = new Set<string>();
  if (asset.kind === "mask" || !session.can("create"))
    ["use-as-input", "edit-mask", "cutout"].forEach((id) => hidden.add(id));
  if (!session.canModify(asset.createdBy)) hidden.add("delete");
  return actions.filter((a) => !hidden.has(a.id));
}
