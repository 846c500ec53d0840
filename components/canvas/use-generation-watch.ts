"use client";

import { useEffect, useState } from "react";
import { getGeneration } from "@/lib/client/studio-api";
import type { Generation } from "@/lib/contracts/generations";

const ACTIVE = new Set(["queued", "running"]);

/** Poll one generation until it ends; the server is the source of truth (survives reloads). */
export function useGenerationWatch(
  projectId: string,
  generationId: string | null,
  onEnd?: (g: Generation) => void,
): Generation | null {
  const [gen, setGen] = useState<Generation | null>(null);
  useEffect(() => {
    if (!generationId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const g = await getGeneration(projectId, generationId);
        if (stopped) return;
        setGen(g);
        if (!ACTIVE.has(g.status)) return onEnd?.(g);
      } catch {
        // A network blip: keep polling.
      }
      if (!stopped) timer = setTimeout(tick, 600);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onEnd is an event callback; restarting the poll when it changes identity would double-fire.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, generationId]);
  return generationId ? gen : null;
}
