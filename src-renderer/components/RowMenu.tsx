// The menu of one download, opened by right-click, the row's "More actions" button, or the
// ContextMenu key / Shift+F10. Arrow keys move between items; Escape or a click elsewhere closes it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useAppStore, useCommands } from '../app-context';
import { useQueueActions } from '../hooks/use-queue-actions';
import { canCancel, canPause, canResume, canRetry, displayName } from '../lib/download-labels';
import { Icon } from './Icon';
import type { IconName } from './Icon';

export interface MenuRequest {
  id: string;
  /** Viewport coordinates of the menu's top-left corner (before keeping it on screen). */
  x: number;
  y: number;
}

interface Item {
  label: string;
  icon: IconName;
  run: () => unknown;
  danger?: boolean;
}

const EDGE_PX = 8;

export function RowMenu({ request, onClose }: { request: MenuRequest; onClose: () => void }) {
  const download = useAppStore((state) => state.downloads[request.id]);
  const index = useAppStore((state) => state.order.indexOf(request.id));
  const count = useAppStore((state) => state.order.length);
  const sorted = useAppStore((state) => state.view.sort !== null);
  const requestRemoval = useAppStore((state) => state.requestRemoval);
  const commands = useCommands();
  const actions = useQueueActions();
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: request.x, top: request.y });

  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards/upwards.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (menu === null) return;
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      left: Math.max(EDGE_PX, Math.min(request.x, window.innerWidth - width - EDGE_PX)),
      top: Math.max(
        EDGE_PX,
        request.y + height > window.innerHeight - EDGE_PX ? request.y - height : request.y,
      ),
    });
    menu.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [request]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    const onBlur = () => onClose();
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [onClose]);

  if (download === undefined) return null;
  const ids = [request.id];
  const items: Item[] = [];
  if (download.status === 'completed')
    items.push({ label: 'Open', icon: 'open', run: () => commands.openFile(request.id) });
  if (download.filePath !== undefined) {
    items.push({ label: 'Show in folder', icon: 'folder', run: () => commands.showInFolder(request.id) });
  }
  if (canPause(download.status)) items.push({ label: 'Pause', icon: 'pause', run: () => actions.pause(ids) });
  if (canResume(download.status))
    items.push({ label: 'Resume', icon: 'play', run: () => actions.resume(ids) });
  if (canRetry(download.status))
    items.push({ label: 'Retry', icon: 'retry', run: () => commands.retry(ids) });
  items.push({
    label: 'Copy link',
    icon: 'copy',
    run: () => navigator.clipboard.writeText(download.url),
  });
  // Moving follows the queue order, which a sorted view does not show.
  if (!sorted && index > 0) {
    items.push({ label: 'Move up', icon: 'up', run: () => commands.reorder(request.id, index - 1) });
  }
  if (!sorted && index < count - 1) {
    items.push({ label: 'Move down', icon: 'down', run: () => commands.reorder(request.id, index + 1) });
  }
  if (canCancel(download.status)) {
    items.push({ label: 'Cancel…', icon: 'cancel', danger: true, run: () => actions.cancel(ids) });
  }
  items.push({ label: 'Remove…', icon: 'trash', danger: true, run: () => requestRemoval(ids) });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(
      menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [],
    );
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    if (event.key in move) {
      buttons[(move[event.key] + buttons.length) % buttons.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      onClose();
    } else {
      return;
    }
    // Keeps the window-wide queue keys (arrows move the selection) out of the open menu.
    event.preventDefault();
  };
  return (
    <div
      ref={menuRef}
      className="row-menu"
      role="menu"
      aria-label={`Actions for ${displayName(download)}`}
      style={position}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`menu-item${item.danger ? ' danger' : ''}`}
          onClick={() => {
            onClose();
            void item.run();
          }}
        >
          <Icon name={item.icon} />
          {item.label}
        </button>
      ))}
    </div>
  );
}
