"use client";

import { useLayoutEffect, useRef, useState } from "react";

/**
 * Height from the element's top to the bottom of the window, so the studio is an app-like pane
 * (panel and grid scroll inside) whatever the header above it measures (banner, wrapping text).
 */
export function useFillHeight<T extends HTMLElement>(bottomGap: number, min = 560) {
  const ref = useRef<T>(null);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, window.innerHeight - top - bottomGap));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [bottomGap, min]);
  return { ref, height };
}
