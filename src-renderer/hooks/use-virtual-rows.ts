// Renders only the queue rows in (or near) view. Rows have a fixed height, so the window is simple
// arithmetic; spacer rows keep the scrollbar true to the whole list.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

export const ROW_HEIGHT_PX = 48;
const OVERSCAN_ROWS = 8;
/** Before the first measurement: enough rows for a tall window. */
const INITIAL_VIEWPORT_PX = 1200;

export interface VirtualRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  first: number;
  last: number;
}

export function useVirtualRows(count: number, focusIndex: number, headerPx: number): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: INITIAL_VIEWPORT_PX });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, []);

  // Keyboard moves can leave the rendered window: bring the focused row into view.
  useEffect(() => {
    const element = scrollRef.current;
    if (element === null || focusIndex < 0) return;
    const rowTop = focusIndex * ROW_HEIGHT_PX;
    const visibleTop = element.scrollTop;
    const visibleBottom = visibleTop + element.clientHeight - headerPx;
    if (rowTop < visibleTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT_PX > visibleBottom)
      element.scrollTop = rowTop + ROW_HEIGHT_PX - element.clientHeight + headerPx;
  }, [focusIndex, headerPx]);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  return { scrollRef, first, last };
}
