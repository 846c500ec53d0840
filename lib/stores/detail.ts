import { create } from "zustand";

/** Which asset the detail view shows; opened from the grid, a job card or a lineage thumbnail. */
interface DetailStore {
  assetId: string | null;
  open: (assetId: string) => void;
  close: () => void;
}

export const useDetail = create<DetailStore>((set) => ({
  assetId: null,
  open: (assetId) => set({ assetId }),
  close: () => set({ assetId: null }),
}));
