import { create } from "zustand";
import { api } from "@/lib/client/api";
import type { ModelsCatalog } from "./panel-logic";

/** `GET /api/models`, loaded once per page life: the panel, job cards and the detail view read it. */

interface ModelsStore {
  status: "idle" | "loading" | "ready" | "error";
  catalog: ModelsCatalog | null;
  load: () => Promise<void>;
}

export const useModels = create<ModelsStore>((set, get) => ({
  status: "idle",
  catalog: null,
  load: async () => {
    if (get().status === "loading" || get().status === "ready") return;
    set({ status: "loading" });
    try {
      const catalog = await api<ModelsCatalog>("/api/models");
      set({ status: "ready", catalog });
    } catch {
      set({ status: "error" });
    }
  },
}));

export function modelLabel(catalog: ModelsCatalog | null, id: string | null): string {
  if (!id) return "";
  return catalog?.models.find((m) => m.id === id)?.label ?? id;
}
