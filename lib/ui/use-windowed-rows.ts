'use client';

import { useEffect, useRef, useState } from 'react';

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
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        setView((current) =>
          current.top === element.scrollTop && current.height === element.clientHeight
            ? current
            : { top: element.scrollTop, height: element.clientHeight },
        ),
      );
    };
    const resizeObserver = new ResizeObserver(measure);
    resizeObserver.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resizeObserver.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  const top = Math.max(0, view.top - headerHeight);
  const start = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const end = Math.min(count, Math.ceil((top + view.height) / rowHeight) + overscan);
  return {
    scrollRef,
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, count - end) * rowHeight,
  };
}
