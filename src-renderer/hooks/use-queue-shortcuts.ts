// Window-wide queue shortcuts: Ctrl/Cmd+A, Delete, Space, arrows, Home/End and Page Up/Down
// (Shift extends), Alt+arrows reorder, Escape clears. Keys typed into fields or while a dialog is open are left alone.
import { useEffect } from 'react';
import { useCommands, useServices } from '../app-context';
import { ROW_HEIGHT_PX } from './use-virtual-rows';
import { isTextEntry } from './is-text-entry';
import { useQueueActions } from './use-queue-actions';

/** Rows one Page Up/Down moves: what fits in the queue's box, at least one. */
function pageRows(): number {
  const box = document.querySelector('.queue-scroll');
  return Math.max(1, Math.floor((box?.clientHeight ?? 0) / ROW_HEIGHT_PX) - 1);
}

function jump(key: string, count: number): number | null {
  if (key === 'Home') return -count;
  if (key === 'End') return count;
  if (key === 'PageUp') return -pageRows();
  if (key === 'PageDown') return pageRows();
  return null;
}

export function useQueueShortcuts(): void {
  const { store } = useServices();
  const commands = useCommands();
  const actions = useQueueActions();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const state = store.getState();
      const selected = state.selection.ids;
      const mod = event.ctrlKey || event.metaKey;
      const jumpBy = jump(event.key, state.order.length);
      let handled = true;
      if (mod && event.key.toLowerCase() === 'a') {
        state.selectAllRows();
      } else if (event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) {
        state.requestRemoval(selected);
      } else if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
        actions.togglePause(selected);
      } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.altKey) {
        const focusId = state.selection.focusId;
        const to = focusId === null ? -1 : state.order.indexOf(focusId) + (event.key === 'ArrowUp' ? -1 : 1);
        // The queue order is not what a sorted view shows, and the ends have nowhere to go.
        if (focusId !== null && state.view.sort === null && to >= 0 && to < state.order.length) {
          void commands.reorder(focusId, to);
        }
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        state.moveSelection(event.key === 'ArrowUp' ? -1 : 1, event.shiftKey);
      } else if (jumpBy !== null) {
        state.moveSelection(jumpBy, event.shiftKey);
      } else if (event.key === 'Escape') {
        state.clearSelection();
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, commands, actions]);
}
