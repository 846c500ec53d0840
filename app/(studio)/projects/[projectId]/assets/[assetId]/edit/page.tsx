import { notFound } from "next/navigation";
import { AssetEditor, type EditorTab } from "@/components/canvas/asset-editor";
import { findEditableAsset } from "@/lib/assets/list-assets";
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
  if (!project || !asset) notFound();
  const initialTab: EditorTab = tab === "cutout" ? "cutout" : "inpaint";
  return <AssetEditor key={asset.id} asset={asset} projectName={project.name} initialTab={initialTab} />;
}
