import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { ModelCard, Operation } from "@/lib/models";
import type { ParamValues } from "@/lib/validation";
import type { ModelsCatalog } from "./panel-logic";
import { mergeInputs, operationFor, pickEditModel, pickModel, valuesFor, withParam } from "./panel-logic";

/**
 * The prompt panel: model, operation, prompt, params and edit inputs. The last-used params of each
 * model and the last model persist in local storage; switching models loads that model's own values
 * (or its defaults), never the previous model's.
 */

export interface InputImage {
  id: string;
  thumbUrl: string;
}

export type AddInputsResult = { ok: true; switchedTo: string | null; dropped: number } | { ok: false };

interface PanelStore {
  projectId: string | null;
  modelId: string | null;
  operation: Operation;
  prompt: string;
  values: ParamValues;
  remembered: Record<string, ParamValues>;
  inputs: InputImage[];
  /** The prompt being written in each project, kept across reloads until replaced. */
  drafts: Record<string, string>;
  /** A remembered model the gateway retired, and the one the panel moved to instead. */
  notice: { from: string; to: string } | null;
  dismissNotice: () => void;
  openProject: (projectId: string) => void;
  init: (catalog: ModelsCatalog) => void;
  selectModel: (card: ModelCard) => void;
  setOperation: (card: ModelCard, operation: Operation) => void;
  setParam: (card: ModelCard, name: string, value: unknown) => void;
  setPrompt: (prompt: string) => void;
  addInputs: (catalog: ModelsCatalog, images: InputImage[]) => AddInputsResult;
  removeInput: (id: string) => void;
  dropInputs: (ids: string[]) => void;
}

/** Drafts of at most this many projects are kept (the most recently written); empty ones are dropped. */
const MAX_DRAFTS = 30;
function keepDrafts(drafts: Record<string, string>): Record<string, string> {
  const entries = Object.entries(drafts).filter(([, v]) => v.trim() !== "");
  return Object.fromEntries(entries.slice(-MAX_DRAFTS));
}

export const usePanel = create<PanelStore>()(
  persist(
    (set, get) => {
      /** Move to `card` with `operation`, loading its remembered values. */
      const switchTo = (card: ModelCard, wanted: Operation) => {
        const operation = operationFor(card, wanted);
        set({ modelId: card.id, operation, values: valuesFor(card, operation, get().remembered[card.id]) });
      };
      return {
        projectId: null,
        modelId: null,
        operation: "generate",
        prompt: "",
        values: {},
        remembered: {},
        inputs: [],
        drafts: {},
        notice: null,
        dismissNotice: () => set({ notice: null }),
        openProject: (projectId) => {
          if (get().projectId !== projectId)
            set({ projectId, inputs: [], operation: "generate", prompt: get().drafts[projectId] ?? "" });
        },
        init: (catalog) => {
          const card = pickModel(catalog, get().modelId);
          if (!card) return;
          switchTo(card, get().operation);
          if (card.movedFrom) set({ notice: { from: card.movedFrom, to: card.id } });
        },
        selectModel: (card) => {
          switchTo(card, get().operation);
          set({ notice: null });
        },
        setOperation: (card, operation) => switchTo(card, operation),
        setParam: (card, name, value) => {
          const values = withParam(get().values, name, value);
          set({ values, remembered: { ...get().remembered, [card.id]: values } });
        },
        setPrompt: (prompt) => {
          const projectId = get().projectId;
          if (!projectId) return set({ prompt });
          set({ prompt, drafts: keepDrafts({ ...get().drafts, [projectId]: prompt }) });
        },
        addInputs: (catalog, images) => {
          const card = pickEditModel(catalog, get().modelId);
          if (!card) return { ok: false };
          const switchedTo = card.id === get().modelId ? null : card.id;
          const { inputs, dropped } = mergeInputs(get().inputs, images, card.limits.maxImages);
          switchTo(card, "edit");
          set({ inputs });
          return { ok: true, switchedTo, dropped };
        },
        removeInput: (id) => set({ inputs: get().inputs.filter((i) => i.id !== id) }),
        dropInputs: (ids) => set({ inputs: get().inputs.filter((i) => !ids.includes(i.id)) }),
      };
    },
    {
      name: "atelier-panel",
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ modelId: s.modelId, remembered: s.remembered, drafts: s.drafts }),
    },
  ),
);
