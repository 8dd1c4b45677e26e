// Renders only the queue rows in (or near) view. Rows have a fixed height, so the window is simple
// arithmetic; spacer rows keep the scrollbar true to the whole list.
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

export const ROW_HEIGHT_PX = 48;
const OVERSCAN_ROWS = 8;
/** Before the first measurement: enough rows for a tall window. */
const INITIAL_VIEWPORT_PX = 1200;

export interface VirtualRows {
  /** A callback ref: the scroll box mounts after "Loading…" or the empty state, not with the hook. */
  scrollRef: (element: HTMLDivElement | null) => void;
  first: number;
  last: number;
}

export function useVirtualRows(count: number, focusIndex: number, headerPx: number): VirtualRows {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: INITIAL_VIEWPORT_PX });
  const scrollRef = useCallback((next: HTMLDivElement | null) => setElement(next), []);

  // Re-attached whenever the scroll box itself changes, so listeners never point at a box that is gone.
  useLayoutEffect(() => {
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
  }, [element]);

  // Keyboard moves can leave the rendered window: bring the focused row into view.
  useEffect(() => {
    if (element === null || focusIndex < 0) return;
    const rowTop = focusIndex * ROW_HEIGHT_PX;
    const visibleTop = element.scrollTop;
    const visibleBottom = visibleTop + element.clientHeight - headerPx;
    if (rowTop < visibleTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT_PX > visibleBottom)
      element.scrollTop = rowTop + ROW_HEIGHT_PX - element.clientHeight + headerPx;
  }, [element, focusIndex, headerPx]);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  return { scrollRef, first, last };
}
