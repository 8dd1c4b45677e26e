// The handle on the details panel's top edge: drag it, or focus it and press the up/down arrows.
import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

const MIN_PANEL_HEIGHT_PX = 140;
const KEY_STEP_PX = 40;

/** The tallest the panel may get: the queue above it always keeps some rows. */
function maxPanelHeight(): number {
  return Math.round(window.innerHeight * 0.65);
}

function clamp(height: number): number {
  return Math.round(Math.min(maxPanelHeight(), Math.max(MIN_PANEL_HEIGHT_PX, height)));
}

interface PanelResizerProps {
  /** The height the user chose, null while the default applies. */
  height: number | null;
  /** The panel's height now, measured by the caller. */
  current: () => number;
  onResize: (height: number) => void;
}

export function PanelResizer({ height, current, onResize }: PanelResizerProps) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: current() };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return;
    onResize(clamp(drag.current.startHeight + drag.current.startY - event.clientY));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    // Handled here so the queue's arrow-key shortcuts do not also move the selection.
    event.preventDefault();
    event.stopPropagation();
    onResize(clamp(current() + (event.key === 'ArrowUp' ? KEY_STEP_PX : -KEY_STEP_PX)));
  };
  return (
    <div
      className="panel-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the details panel"
      aria-valuemin={MIN_PANEL_HEIGHT_PX}
      aria-valuenow={height ?? undefined}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
