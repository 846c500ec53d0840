"use client";

import { useEffect } from "react";
import type { MaskHistory, Tool } from "@/lib/canvas";

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl/Cmd+Y; [ and ] for size; B/E/H tools; Space held to pan. */
export function useEditorKeys(
  h: MaskHistory,
  set: { tool: (t: Tool) => void; size: (fn: (s: number) => number) => void; pan: (v: boolean) => void },
  enabled: boolean,
) {
  useEffect(() => {
    if (!enabled) return;
    const down = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && k === "z") {
        e.preventDefault();
        if (e.shiftKey) h.redo();
        else h.undo();
      } else if (mod && k === "y") {
        e.preventDefault();
        h.redo();
      } else if (mod) return;
      else if (e.key === "[") set.size((s) => Math.max(2, Math.round(s / 1.2)));
      else if (e.key === "]") set.size((s) => Math.round(s * 1.2) + 1);
      else if (k === "b" || k === "e") {
        set.tool(k === "b" ? "brush" : "eraser");
        set.pan(false);
      } else if (k === "h") set.pan(true);
      else if (e.key === " " && !e.repeat) {
        e.preventDefault();
        set.pan(true);
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.key === " " && !typing(e.target)) set.pan(false);
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [h, set, enabled]);
}
