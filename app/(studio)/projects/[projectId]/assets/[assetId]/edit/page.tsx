import { notFound } from "next/navigation";
import { AssetEditor, type EditorTab } from "@/components/canvas/asset-editor";
import { DeletedAsset } from "@/components/assets/deleted-asset";
import { findAssetDeletion, findEditableAsset } from "@/lib/assets/list-assets";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAllows, requirePageActor } from "@/lib/auth/page";
import { requestLocale } from "@/lib/i18n/server";
import { findProjectOrNull } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function EditAssetPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; assetId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const actor = await requirePageActor();
  // The editor makes edits and cutouts: a viewer has nothing to do here.
  if (!pageAllows(actor, "create")) {
    return <Forbidden t={(await requestLocale()).t} roles={["admin", "manager", "creator"]} />;
  }
  const [{ projectId, assetId }, { tab }] = await Promise.all([params, searchParams]);
  const project = await findProjectOrNull(projectId);
  const asset = project ? await findEditableAsset(projectId, assetId) : undefined;
  if (!project) notFound();
  if (!asset) {
    // A link (a bookmark, a teammate's message) to an image deleted since: say so, with the way back.
    const deletion = await findAssetDeletion(projectId, assetId);
    if (!deletion) notFound();
    const { t } = await requestLocale();
    return <DeletedAsset t={t} projectId={project.id} projectName={project.name} deletion={deletion} />;
  }
  const initialTab: EditorTab = tab === "cutout" ? "cutout" : "inpaint";
  return <AssetEditor key={asset.id} asset={asset} projectName={project.name} initialTab={initialTab} />;
}
