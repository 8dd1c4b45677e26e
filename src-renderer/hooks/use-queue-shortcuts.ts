// Window-wide queue shortcuts: Ctrl/Cmd+A, Delete, Space, arrows (Shift extends), Alt+arrows
// reorder, Escape clears. Keys typed into fields or while a dialog is open are left alone.
import { useEffect } from 'react';
import { useCommands, useServices } from '../app-context';
import { isTextEntry } from './is-text-entry';

export function useQueueShortcuts(): void {
  const { store } = useServices();
  const commands = useCommands();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const state = store.getState();
      const selected = state.selection.ids;
      const mod = event.ctrlKey || event.metaKey;
      let handled = true;
      if (mod && event.key.toLowerCase() === 'a') {
        state.selectAllRows();
      } else if (event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) {
        state.requestRemoval(selected);
      } else if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
        void commands.togglePause(selected);
      } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.altKey) {
        const focusId = state.selection.focusId;
        if (focusId !== null) {
          void commands.reorder(focusId, state.order.indexOf(focusId) + (event.key === 'ArrowUp' ? -1 : 1));
        }
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        state.moveSelection(event.key === 'ArrowUp' ? -1 : 1, event.shiftKey);
      } else if (event.key === 'Escape') {
        state.clearSelection();
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, commands]);
}
