import { notFound } from "next/navigation";
import { AssetEditor, type EditorTab } from "@/components/canvas/asset-editor";
import { findEditableAsset } from "@/lib/assets/list-assets";
import { findProjectOrNull } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function EditAssetPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; assetId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const [{ projectId, assetId }, { tab }] = await Promise.all([params, searchParams]);
  const project = findProjectOrNull(projectId);
  const asset = project ? findEditableAsset(projectId, assetId) : undefined;
  if (!project || !asset) notFound();
  const initialTab: EditorTab = tab === "cutout" ? "cutout" : "inpaint";
  return <AssetEditor key={asset.id} asset={asset} projectName={project.name} initialTab={initialTab} />;
}
