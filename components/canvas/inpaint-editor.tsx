"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import type { Asset } from "@/lib/contracts/assets";
import type { Tool } from "@/lib/canvas";
import { CanvasToolbar } from "./canvas-toolbar";
import { InpaintSubmit } from "./inpaint-submit";
import type { View } from "./mask-canvas";
import { useEditorKeys } from "./use-editor-keys";
import { useMaskHistory } from "./use-mask-history";

// Konva needs the browser (its Node entry wants the `canvas` package): load it client-only.
const MaskCanvas = dynamic(() => import("./mask-canvas"), { ssr: false });

function useLoadedImage(src: string): HTMLImageElement | null {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  useEffect(() => {
    const el = new window.Image();
    el.onload = () => setImg(el);
    el.src = src;
  }, [src]);
  return img;
}

function useBoxSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) =>
      setSize({ width: Math.floor(e.contentRect.width), height: Math.floor(e.contentRect.height) }),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Paint a mask over the asset, then send it as an edit. The mask survives reloads (local storage). */
export function InpaintEditor({ asset }: { asset: Asset }) {
  const { t } = useI18n();
  const { history, version } = useMaskHistory(asset.id);
  const image = useLoadedImage(asset.fileUrl);
  const boxRef = useRef<HTMLDivElement>(null);
  const box = useBoxSize(boxRef);
  const [tool, setTool] = useState<Tool>("brush");
  const maxSize = Math.max(32, Math.round(Math.max(asset.width, asset.height) / 4));
  const [size, setSize] = useState(() => Math.max(8, Math.round(Math.max(asset.width, asset.height) / 24)));
  const [panMode, setPanMode] = useState(false);
  const [view, setView] = useState<View | null>(null);

  const fitView = useCallback((): View => {
    const scale = Math.min((box.width - 32) / asset.width, (box.height - 32) / asset.height);
    return { scale, x: (box.width - asset.width * scale) / 2, y: (box.height - asset.height * scale) / 2 };
  }, [box, asset.width, asset.height]);
  const current = view ?? (box.width ? fitView() : null);

  const setters = useMemo(
    () => ({
      tool: setTool,
      size: (fn: (s: number) => number) => setSize((s) => Math.min(maxSize, fn(s))),
      pan: setPanMode,
    }),
    [maxSize],
  );
  useEditorKeys(history, setters, true);

  const zoom = (f: number) => {
    if (!current) return;
    const scale = current.scale * f;
    const cx = box.width / 2;
    const cy = box.height / 2;
    setView({
      scale,
      x: cx - ((cx - current.x) * scale) / current.scale,
      y: cy - ((cy - current.y) * scale) / current.scale,
    });
  };

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_340px] overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-card">
      <div className="flex min-h-0 flex-col">
        <CanvasToolbar
          history={history}
          tool={tool}
          size={size}
          maxSize={maxSize}
          panMode={panMode}
          zoom={current?.scale ?? 1}
          onTool={setTool}
          onSize={(s) => setSize(s)}
          onPanMode={setPanMode}
          onZoom={zoom}
          onFit={() => setView(null)}
        />
        <div
          ref={boxRef}
          className="bg-checker relative min-h-[420px] flex-1 overflow-hidden"
          data-testid="mask-canvas"
          data-strokes={history.strokes.length}
          data-undo={history.undoDepth}
          data-redo={history.redoDepth}
          data-version={version}
        >
          {current && box.width > 0 && (
            <MaskCanvas
              image={image}
              imageWidth={asset.width}
              imageHeight={asset.height}
              history={history}
              version={version}
              tool={tool}
              size={size}
              panMode={panMode}
              view={current}
              stageWidth={box.width}
              stageHeight={box.height}
              onView={setView}
            />
          )}
          <p className="pointer-events-none absolute bottom-2 left-3 rounded bg-white/80 px-2 py-0.5 text-[11px] text-ink-soft">
            {t("editor.hint")}
          </p>
        </div>
      </div>
      <InpaintSubmit asset={asset} history={history} version={version} />
    </div>
  );
}
