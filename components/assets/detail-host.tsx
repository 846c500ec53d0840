"use client";

import { useEffect, useState } from "react";
import { getAsset, getGeneration } from "@/lib/client/studio-api";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";
import { useAssets } from "@/lib/stores/assets";
import { useDetail } from "@/lib/stores/detail";
import { useJobs } from "@/lib/stores/jobs";
import { AssetDetail } from "./asset-detail";
import { useDetailActions } from "./detail-actions";

/** The asset itself: from the grid when loaded, else fetched (lineage parents, job thumbnails). */
function useDetailAsset(id: string): Asset | null {
  const loaded = useAssets((s) => s.items.find((a) => a.id === id) ?? null);
  const [fetched, setFetched] = useState<Asset | null>(null);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    getAsset(id)
      .then((a) => live && setFetched(a))
      .catch(() => live && useDetail.getState().close());
    return () => {
      live = false;
    };
  }, [id, loaded]);
  return loaded ?? (fetched?.id === id ? fetched : null);
}

/** Its generation, for usage: the jobs store usually has it; older ones are fetched. */
function useDetailGeneration(asset: Asset | null): Generation | null {
  const known = useJobs((s) => s.generations.find((g) => g.id === asset?.generationId) ?? null);
  const [fetched, setFetched] = useState<Generation | null>(null);
  const genId = asset?.generationId ?? null;
  const projectId = asset?.projectId ?? null;
  useEffect(() => {
    if (!genId || !projectId || known) return;
    let live = true;
    getGeneration(projectId, genId)
      .then((g) => live && setFetched(g))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [genId, projectId, known]);
  return known ?? (fetched?.id === genId ? fetched : null);
}

function Loaded({ asset, onDelete }: { asset: Asset; onDelete: (ids: string[]) => void }) {
  const { open, close } = useDetail();
  const generation = useDetailGeneration(asset);
  const items = useAssets((s) => s.items);
  const actions = useDetailActions(asset, { onDelete: (id) => onDelete([id]), onClose: close });
  const i = items.findIndex((a) => a.id === asset.id);
  const prev = i > 0 ? () => open(items[i - 1].id) : null;
  const next = i >= 0 && i < items.length - 1 ? () => open(items[i + 1].id) : null;
  return (
    <AssetDetail
      asset={asset}
      generation={generation}
      actions={actions}
      onClose={close}
      onPrev={prev}
      onNext={next}
      onOpenParent={open}
    />
  );
}

function Open({ id, onDelete }: { id: string; onDelete: (ids: string[]) => void }) {
  const asset = useDetailAsset(id);
  return asset ? <Loaded asset={asset} onDelete={onDelete} /> : null;
}

/** Mounts the detail view while an asset is open. */
export function DetailHost({ onDelete }: { onDelete: (ids: string[]) => void }) {
  const id = useDetail((s) => s.assetId);
  return id ? <Open id={id} onDelete={onDelete} /> : null;
}
