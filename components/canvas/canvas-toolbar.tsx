"use client";

import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import type { MaskHistory, Tool } from "@/lib/canvas";

interface Props {
  history: MaskHistory;
  tool: Tool;
  size: number;
  maxSize: number;
  panMode: boolean;
  zoom: number;
  onTool: (t: Tool) => void;
  onSize: (s: number) => void;
  onPanMode: (v: boolean) => void;
  onZoom: (factor: number) => void;
  onFit: () => void;
}

function ToolButton({
  active,
  label,
  shortcut,
  onClick,
  testId,
}: {
  active: boolean;
  label: string;
  shortcut: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      title={`${label} (${shortcut})`}
      data-testid={testId}
      onClick={onClick}
      className={`rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors ${active ? "bg-brand-600 text-white shadow-card" : "text-ink-soft hover:bg-zinc-100 hover:text-ink"}`}
    >
      {label}
    </button>
  );
}

/** Tools, brush size, history and zoom. Tool, size and zoom are settings, never history entries. */
export function CanvasToolbar(p: Props) {
  const { t } = useI18n();
  const h = p.history;
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-white px-3 py-2"
      role="toolbar"
      aria-label={t("editor.toolbar")}
    >
      <div className="flex gap-1 rounded-lg bg-zinc-100 p-0.5">
        <ToolButton
          testId="tool-brush"
          active={!p.panMode && p.tool === "brush"}
          label={t("editor.brush")}
          shortcut="B"
          onClick={() => {
            p.onTool("brush");
            p.onPanMode(false);
          }}
        />
        <ToolButton
          testId="tool-eraser"
          active={!p.panMode && p.tool === "eraser"}
          label={t("editor.eraser")}
          shortcut="E"
          onClick={() => {
            p.onTool("eraser");
            p.onPanMode(false);
          }}
        />
        <ToolButton
          testId="tool-pan"
          active={p.panMode}
          label={t("editor.pan")}
          shortcut="H / Space"
          onClick={() => p.onPanMode(!p.panMode)}
        />
      </div>
      <label className="flex items-center gap-2 text-xs text-ink-soft">
        {t("editor.brushSize")}
        <input
          type="range"
          min={2}
          max={p.maxSize}
          value={p.size}
          onChange={(e) => p.onSize(Number(e.target.value))}
          aria-label={t("editor.brushSize")}
          className="w-28 accent-brand-600"
        />
        <span className="w-12 tabular-nums text-ink" data-testid="brush-size">
          {p.size}px
        </span>
      </label>
      <div className="mx-1 h-5 w-px bg-zinc-200" />
      <Button
        variant="ghost"
        className="px-2 py-1"
        onClick={() => h.undo()}
        disabled={!h.canUndo}
        title={`${t("editor.undo")} (Ctrl+Z)`}
      >
        {t("editor.undo")}
      </Button>
      <Button
        variant="ghost"
        className="px-2 py-1"
        onClick={() => h.redo()}
        disabled={!h.canRedo}
        title={`${t("editor.redo")} (Ctrl+Shift+Z)`}
      >
        {t("editor.redo")}
      </Button>
      <Button
        variant="ghost"
        className="px-2 py-1 text-red-600 hover:bg-red-50"
        onClick={() => h.clear()}
        disabled={h.strokes.length === 0}
      >
        {t("editor.clear")}
      </Button>
      <div className="ml-auto flex items-center gap-1 text-xs text-ink-soft">
        <Button
          variant="ghost"
          className="px-2 py-1"
          onClick={() => p.onZoom(1 / 1.25)}
          aria-label={t("editor.zoomOut")}
        >
          −
        </Button>
        <span className="w-12 text-center tabular-nums" data-testid="zoom">
          {Math.round(p.zoom * 100)}%
        </span>
        <Button variant="ghost" className="px-2 py-1" onClick={() => p.onZoom(1.25)} aria-label={t("editor.zoomIn")}>
          +
        </Button>
        <Button variant="ghost" className="px-2 py-1" onClick={p.onFit}>
          {t("editor.fit")}
        </Button>
      </div>
    </div>
  );
}
