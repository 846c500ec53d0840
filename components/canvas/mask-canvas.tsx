"use client";

import type Konva from "konva";
import { memo, useEffect, useRef, useState } from "react";
import { Circle, Image as KonvaImage, Layer, Line, Stage } from "react-konva";
import type { MaskHistory, Stroke, Tool } from "@/lib/canvas";

export interface View {
  scale: number;
  x: number;
  y: number;
}

interface Props {
  image: HTMLImageElement | null;
  imageWidth: number;
  imageHeight: number;
  history: MaskHistory;
  version: number;
  tool: Tool;
  size: number;
  panMode: boolean;
  view: View;
  stageWidth: number;
  stageHeight: number;
  onView: (v: View) => void;
}

// Violet reads against white backdrops and most product colours; the layer is drawn at 55 % opacity.
const MASK_COLOUR = "#6d28d9";

function linePoints(points: readonly number[]): number[] {
  // A click is a single point; Konva draws nothing for a zero-length line, so nudge it into a dot.
  return points.length === 2 ? [points[0], points[1], points[0] + 0.01, points[1]] : (points as number[]);
}

function StrokeLine({ s }: { s: Stroke }) {
  return (
    <Line
      points={linePoints(s.points)}
      stroke={MASK_COLOUR}
      strokeWidth={s.size}
      lineCap="round"
      lineJoin="round"
      globalCompositeOperation={s.tool === "eraser" ? "destination-out" : "source-over"}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

/** Committed strokes re-render only when the list changes (commit, undo, redo, clear), not per move. */
const Committed = memo(function Committed({ strokes }: { strokes: readonly Stroke[] }) {
  return strokes.map((s) => <StrokeLine key={s.id} s={s} />);
});

/**
 * The Konva stage: the image, the mask strokes over it (semi-transparent), a brush cursor. Everything
 * is drawn in image coordinates under one stage transform (zoom/pan), so strokes need no conversion.
 */
export default function MaskCanvas(p: Props) {
  const stageRef = useRef<Konva.Stage>(null);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const pan = useRef<{ x: number; y: number } | null>(null);
  const gesture = p.history.gesture;

  const toImage = () => {
    const pos = stageRef.current?.getPointerPosition();
    return pos ? { x: (pos.x - p.view.x) / p.view.scale, y: (pos.y - p.view.y) / p.view.scale } : null;
  };

  function down(e: Konva.KonvaEventObject<PointerEvent>) {
    const pos = stageRef.current?.getPointerPosition();
    if (!pos) return;
    if (p.panMode || e.evt.button === 1 || e.evt.button === 2) {
      pan.current = pos;
      return;
    }
    if (e.evt.button !== 0) return;
    const pt = toImage()!;
    p.history.beginStroke(p.tool, p.size, round(pt.x), round(pt.y));
  }

  function move() {
    const pos = stageRef.current?.getPointerPosition();
    if (!pos) return;
    if (pan.current) {
      p.onView({ ...p.view, x: p.view.x + pos.x - pan.current.x, y: p.view.y + pos.y - pan.current.y });
      pan.current = pos;
      return;
    }
    const pt = toImage()!;
    setCursor(pt);
    if (p.history.gesture) p.history.extendStroke(round(pt.x), round(pt.y));
  }

  function up() {
    pan.current = null;
    p.history.endStroke();
  }

  function wheel(e: Konva.KonvaEventObject<WheelEvent>) {
    e.evt.preventDefault();
    const pos = stageRef.current?.getPointerPosition();
    if (!pos) return;
    const factor = e.evt.deltaY < 0 ? 1.15 : 1 / 1.15;
    const scale = clamp(p.view.scale * factor, 0.02, 16);
    p.onView({
      scale,
      x: pos.x - ((pos.x - p.view.x) * scale) / p.view.scale,
      y: pos.y - ((pos.y - p.view.y) * scale) / p.view.scale,
    });
  }

  useEffect(() => {
    // Releasing the button outside the stage still ends the gesture (one entry, nothing lost).
    const end = () => {
      pan.current = null;
      p.history.endStroke();
    };
    window.addEventListener("pointerup", end);
    return () => window.removeEventListener("pointerup", end);
  }, [p.history]);

  return (
    <Stage
      ref={stageRef}
      width={p.stageWidth}
      height={p.stageHeight}
      scaleX={p.view.scale}
      scaleY={p.view.scale}
      x={p.view.x}
      y={p.view.y}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerLeave={() => setCursor(null)}
      onWheel={wheel}
      onContextMenu={(e) => e.evt.preventDefault()}
      style={{ cursor: p.panMode ? "grab" : "none", touchAction: "none" }}
    >
      <Layer listening={false} imageSmoothingEnabled={p.view.scale < 2}>
        {p.image && <KonvaImage image={p.image} width={p.imageWidth} height={p.imageHeight} />}
      </Layer>
      <Layer opacity={0.55} listening={false}>
        <Committed strokes={p.history.strokes} />
        {gesture && <StrokeLine s={gesture} />}
      </Layer>
      <Layer listening={false}>
        {cursor && !p.panMode && (
          <>
            <Circle x={cursor.x} y={cursor.y} radius={p.size / 2} stroke="#ffffff" strokeWidth={2 / p.view.scale} />
            <Circle
              x={cursor.x}
              y={cursor.y}
              radius={p.size / 2}
              stroke="#18181b"
              strokeWidth={1 / p.view.scale}
              dash={[4 / p.view.scale, 4 / p.view.scale]}
            />
          </>
        )}
      </Layer>
    </Stage>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
