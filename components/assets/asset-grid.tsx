"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from "react";
import type { Asset } from "@/lib/contracts/assets";
import { AssetTile } from "./asset-tile";

const GAP = 12;
const MIN_TILE = 164;

interface Props {
  items: Asset[];
  selected: ReadonlySet<string>;
  label: string;
  onTileClick: (id: string, e: MouseEvent) => void;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  onEndReached: () => void;
  footer?: ReactNode;
}

/** Columns that fill the width with tiles of at least MIN_TILE. */
export function gridColumns(width: number): number {
  return Math.max(2, Math.floor((width + GAP) / (MIN_TILE + GAP)));
}

function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/**
 * Square thumbnails in virtualized rows: only the rows on screen (plus a few) are in the DOM, so
 * thousands of assets scroll like a dozen. Nearing the end asks for the next keyset page.
 */
export function AssetGrid({ items, selected, label, onTileClick, onOpen, onDelete, onEndReached, footer }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  const width = useWidth(innerRef);
  const cols = gridColumns(width);
  const tile = width > 0 ? (width - GAP * (cols - 1)) / cols : MIN_TILE;
  const rows = Math.ceil(items.length / cols);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => tile + GAP,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, tile]);
  const rowsInView = virtualizer.getVirtualItems();
  const lastRow = rowsInView.at(-1)?.index ?? -1;
  useEffect(() => {
    if (rows > 0 && lastRow >= rows - 3) onEndReached();
  }, [lastRow, rows, onEndReached]);

  return (
    <div
      ref={scrollRef}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain select-none"
      data-testid="asset-grid"
      role="region"
      aria-label={label}
    >
      <div ref={innerRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {rowsInView.map((row) => (
          <div
            key={row.key}
            className="absolute left-0 top-0 grid w-full"
            style={{
              height: tile,
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
              gap: GAP,
            }}
          >
            {items.slice(row.index * cols, row.index * cols + cols).map((a) => (
              <AssetTile
                key={a.id}
                asset={a}
                selected={selected.has(a.id)}
                onClick={onTileClick}
                onOpen={onOpen}
                onDelete={onDelete}
              />
            ))}
          </div>
        ))}
      </div>
      {footer}
    </div>
  );
}
