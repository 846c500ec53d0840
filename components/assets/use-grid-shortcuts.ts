"use client";

import { useEffect, useEffectEvent } from "react";

/** Typing in a field, or a dialog on top: grid shortcuts stay out of the way. */
function ignored(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (el?.closest("input, textarea, select, [contenteditable='true']")) return true;
  return document.querySelector("dialog[open]") !== null;
}

/** Delete/Backspace deletes the selection (after a confirm), Esc clears it, Ctrl/Cmd+A selects all. */
export function useGridShortcuts(handler: (action: "delete" | "clear" | "all") => void): void {
  const on = useEffectEvent(handler);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (ignored(e)) return;
      if (e.key === "Delete" || e.key === "Backspace") {
        e.preventDefault();
        on("delete");
      } else if (e.key === "Escape") on("clear");
      else if (e.key.toLowerCase() === "a" && (e.metaKey || e.ctrlKey) && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        on("all");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
