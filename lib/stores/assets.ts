import { create } from "zustand";
import type { Asset, AssetKind } from "@/lib/contracts/assets";

/**
 * The asset grid's loaded window: keyset pages appended as the user scrolls, new results and
 * uploads merged in at their place (newest first), deletions removed. Masks stay out of "all".
 */

export const KIND_FILTERS = ["all", "generated", "upload", "edit", "cutout"] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];

export function matchesFilter(asset: Pick<Asset, "kind">, filter: KindFilter): boolean {
  return filter === "all" ? asset.kind !== "mask" : asset.kind === filter;
}

/** The `kind` query of a filter: "all" asks for everything and drops masks client-side. */
export const kindQuery = (filter: KindFilter): AssetKind | null => (filter === "all" ? null : filter);

/** The server's keyset order: createdAt desc, then id desc. */
export function newestFirst(a: Pick<Asset, "createdAt" | "id">, b: Pick<Asset, "createdAt" | "id">): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** `items` plus those of `incoming` that match the filter, without duplicates, newest first. */
export function mergeAssets(items: readonly Asset[], incoming: readonly Asset[], filter: KindFilter): Asset[] {
  const fresh = incoming.filter((a) => matchesFilter(a, filter));
  if (fresh.length === 0) return items as Asset[];
  const byId = new Map(items.map((a) => [a.id, a]));
  for (const a of fresh) byId.set(a.id, a);
  return [...byId.values()].sort(newestFirst);
}

export function removeAssets(items: readonly Asset[], ids: readonly string[]): Asset[] {
  const gone = new Set(ids);
  return items.filter((a) => !gone.has(a.id));
}

type LoadStatus = "idle" | "loading" | "ready" | "error";

interface AssetsStore {
  projectId: string | null;
  filter: KindFilter;
  items: Asset[];
  nextCursor: string | null;
  status: LoadStatus;
  loadingMore: boolean;
  /** Bumped by reset/filter changes so a stale page answer is dropped. */
  epoch: number;
  /** Files being uploaded right now (for the toolbar). */
  uploading: number;
  reset: (projectId: string, filter?: KindFilter) => void;
  setFilter: (filter: KindFilter) => void;
  setStatus: (status: LoadStatus) => void;
  setLoadingMore: (busy: boolean) => void;
  setUploading: (count: number) => void;
  addPage: (epoch: number, page: Asset[], nextCursor: string | null) => void;
  add: (assets: Asset[]) => void;
  remove: (ids: string[]) => void;
}

export const useAssets = create<AssetsStore>((set, get) => ({
  projectId: null,
  filter: "all",
  items: [],
  nextCursor: null,
  status: "idle",
  loadingMore: false,
  epoch: 0,
  uploading: 0,
  reset: (projectId, filter = "all") =>
    set({ projectId, filter, items: [], nextCursor: null, status: "idle", loadingMore: false, epoch: get().epoch + 1 }),
  setFilter: (filter) =>
    set({ filter, items: [], nextCursor: null, status: "idle", loadingMore: false, epoch: get().epoch + 1 }),
  setStatus: (status) => set({ status }),
  setLoadingMore: (loadingMore) => set({ loadingMore }),
  setUploading: (uploading) => set({ uploading }),
  addPage: (epoch, page, nextCursor) => {
    if (epoch !== get().epoch) return;
    set({ items: mergeAssets(get().items, page, get().filter), nextCursor, status: "ready", loadingMore: false });
  },
  add: (assets) => set({ items: mergeAssets(get().items, assets, get().filter) }),
  remove: (ids) => set({ items: removeAssets(get().items, ids) }),
}));
