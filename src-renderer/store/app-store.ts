// The renderer's one store (vanilla zustand, so it is testable without React). Every engine event
// lands here in exactly one `set()`.
import { createStore } from 'zustand/vanilla';
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  DuplicateInfo,
  ProgressBatch,
} from '../../src-shared/download-types';
import type { AppSettings } from '../../src-shared/ipc-contract';
import type { ConnectionState } from '../transport/renderer-transport';
import {
  appendSpeeds,
  mergeProgress,
  mergeSnapshots,
  moveRow,
  removeRows,
  replaceRows,
  type DownloadMap,
  type SpeedHistory,
} from './apply-progress';
import { DEFAULT_VIEW, visibleIds } from '../lib/queue-view';
import type { QueueView } from '../lib/queue-view';
import { EMPTY_SELECTION, moveFocus, pruneSelection, selectAll, selectRow } from './selection';
import type { SelectMode, Selection } from './selection';

/** A problem shown to the user until dismissed. */
export interface UiError {
  id: number;
  code: string;
  message: string;
  /** HTTP status when a response caused it. */
  status?: number;
}

const MAX_UI_ERRORS = 5;

/** A queue action that loses data and waits for the user's yes. */
export interface PendingConfirm {
  action: 'cancel' | 'pause';
  ids: readonly string[];
}

export interface AppState {
  downloads: DownloadMap;
  order: readonly string[];
  speedHistory: SpeedHistory;
  selection: Selection;
  settings: AppSettings | null;
  /** True once the first list arrived from the engine. */
  loaded: boolean;
  connection: ConnectionState;
  errors: readonly UiError[];
  /** Downloads the user asked to remove; the confirmation dialog is open while set. */
  pendingRemoval: readonly string[] | null;
  /** Which downloads the queue shows and how they are sorted. */
  view: QueueView;
  pendingConfirm: PendingConfirm | null;
  /** An add the engine refused as a duplicate; the question dialog is open while set. */
  pendingDuplicate: PendingDuplicate | null;
}

/** The refused item first, then the items of the same add that were not sent yet. */
export interface PendingDuplicate {
  duplicate: DuplicateInfo;
  items: readonly AddDownloadOptions[];
}

export interface AppActions {
  replaceAll(list: readonly DownloadSnapshot[]): void;
  applyBatch(batch: ProgressBatch): void;
  applyStatus(snapshot: DownloadSnapshot): void;
  removeDownloads(ids: readonly string[]): void;
  moveDownload(id: string, toIndex: number): void;
  setSettings(settings: AppSettings): void;
  setConnection(connection: ConnectionState): void;
  reportError(error: Omit<UiError, 'id'>): void;
  dismissError(id: number): void;
  select(id: string, mode: SelectMode): void;
  selectAllRows(): void;
  moveSelection(delta: number, extend: boolean): void;
  clearSelection(): void;
  requestRemoval(ids: readonly string[]): void;
  closeRemoval(): void;
  setView(patch: Partial<QueueView>): void;
  requestConfirm(confirm: PendingConfirm): void;
  closeConfirm(): void;
  askDuplicate(pending: PendingDuplicate | null): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

/** Keeps only what a toast shows: an ErrorInfo from the engine carries more. */
function pickError({ code, message, status }: Omit<UiError, 'id'>): Omit<UiError, 'id'> {
  return status === undefined ? { code, message } : { code, message, status };
}

export function createAppStore() {
  let nextErrorId = 1;
  return createStore<AppState & AppActions>()((set) => ({
    downloads: {},
    order: [],
    speedHistory: {},
    selection: EMPTY_SELECTION,
    settings: null,
    loaded: false,
    connection: 'connecting',
    errors: [],
    pendingRemoval: null,
    view: DEFAULT_VIEW,
    pendingConfirm: null,
    pendingDuplicate: null,

    replaceAll: (list) =>
      set((state) => {
        const rows = replaceRows(state, list);
        return {
          ...rows,
          loaded: true,
          selection: pruneSelection(state.selection, (id) => id in rows.downloads),
        };
      }),

    applyBatch: (batch) =>
      set((state) => ({
        ...mergeProgress(state, batch.downloads),
        speedHistory: appendSpeeds(state.speedHistory, batch.downloads),
      })),

    applyStatus: (snapshot) => set((state) => mergeSnapshots(state, [snapshot])),

    removeDownloads: (ids) =>
      set((state) => {
        const rows = removeRows(state, ids);
        if (rows === state) return {};
        const speedHistory: Record<string, readonly number[]> = {};
        for (const id of rows.order) if (state.speedHistory[id]) speedHistory[id] = state.speedHistory[id];
        return {
          ...rows,
          speedHistory,
          selection: pruneSelection(state.selection, (id) => id in rows.downloads),
        };
      }),

    moveDownload: (id, toIndex) => set((state) => ({ order: moveRow(state.order, id, toIndex) })),

    setSettings: (settings) => set({ settings }),

    setConnection: (connection) => set({ connection }),

    reportError: (error) =>
      set((state) => ({
        errors: [...state.errors, { ...pickError(error), id: nextErrorId++ }].slice(-MAX_UI_ERRORS),
      })),

    dismissError: (id) => set((state) => ({ errors: state.errors.filter((error) => error.id !== id) })),

    // Selection works on the rows the user sees: a Shift range or Ctrl+A never picks hidden rows.
    select: (id, mode) =>
      set((state) => ({ selection: selectRow(state.selection, shownOrder(state), id, mode) })),

    selectAllRows: () => set((state) => ({ selection: selectAll(shownOrder(state), state.selection) })),

    moveSelection: (delta, extend) =>
      set((state) => ({ selection: moveFocus(state.selection, shownOrder(state), delta, extend) })),

    clearSelection: () => set({ selection: EMPTY_SELECTION }),

    requestRemoval: (ids) => set({ pendingRemoval: ids.length === 0 ? null : [...ids] }),

    closeRemoval: () => set({ pendingRemoval: null }),

    // Rows the new view hides leave the selection, so Delete or Space never act on unseen downloads.
    setView: (patch) =>
      set((state) => {
        const view = { ...state.view, ...patch };
        const shown = new Set(visibleIds(state.downloads, state.order, view));
        return { view, selection: pruneSelection(state.selection, (id) => shown.has(id)) };
      }),

    requestConfirm: (confirm) => set({ pendingConfirm: confirm.ids.length === 0 ? null : confirm }),

    closeConfirm: () => set({ pendingConfirm: null }),

    askDuplicate: (pending) => set({ pendingDuplicate: pending }),
  }));
}

export function shownOrder(state: AppState): string[] {
  return visibleIds(state.downloads, state.order, state.view);
}
