'use client';
// The rows in view of a fixed-row-height table, from @tanstack/react-virtual (scroll and resize
// tracking, overscan), shaped as the start/end/spacers VirtualTable renders between its sticky header
// and its <tbody> spacers.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

export interface RowWindow {
  /** Attach to the scrolling element. */
  scrollRef: React.RefObject<HTMLDivElement | null>;
  start: number;
  end: number;
  /** Heights of the spacers above and below the rendered slice. */
  padTop: number;
  padBottom: number;
}

/**
 * Renders only the rows in view (fixed row height) so a 5,000-pod table costs what 40 rows cost.
 * `headerHeight` is the sticky header's height inside the same scroller.
 */
export function useWindowedRows(
  count: number,
  rowHeight: number,
  headerHeight = 0,
  overscan = 10,
): RowWindow {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // Only numbers leave this hook, never the virtualizer's functions, so nothing memoised can go stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    paddingStart: headerHeight,
    // Before the scroller is measured (first render, server render): a screenful of rows.
    initialRect: { width: 0, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const start = first?.index ?? 0;
  const end = last ? last.index + 1 : 0;
  return {
    scrollRef,
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, count - end) * rowHeight,
  };
}
