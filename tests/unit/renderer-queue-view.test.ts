import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { DEFAULT_VIEW, nextSort, viewCounts, visibleIds } from '../../src-renderer/lib/queue-view';
import type { QueueView } from '../../src-renderer/lib/queue-view';
import { createAppStore } from '../../src-renderer/store/app-store';
import { download } from './renderer-fixtures';

const list: DownloadSnapshot[] = [
  download('a', { fileName: 'Movie 10.mp4', status: 'completed', totalBytes: 500, createdAt: 30 }),
  download('b', { fileName: 'movie 9.mp4', status: 'downloading', downloadedBytes: 250, createdAt: 10 }),
  download('c', { fileName: 'notes.txt', status: 'failed', totalBytes: undefined, createdAt: 20 }),
  download('d', {
    url: 'https://mirror.example/get?id=7',
    finalUrl: 'https://cdn.example/archive.zip',
    status: 'paused',
    downloadedBytes: 900,
    createdAt: 40,
  }),
  download('e', { fileName: 'queued.iso', status: 'queued', totalBytes: 2000, createdAt: 50 }),
  download('f', { fileName: 'gone.bin', status: 'cancelled', createdAt: 60 }),
];
const downloads = Object.fromEntries(list.map((item) => [item.id, item]));
const order = list.map((item) => item.id);

const shown = (view: Partial<QueueView>) => visibleIds(downloads, order, { ...DEFAULT_VIEW, ...view });

describe('queue views, search and sort', () => {
  it('All keeps the queue order; Active holds running, waiting and paused; Failed holds cancelled too', () => {
    expect(shown({})).toEqual(order);
    expect(shown({ filter: 'active' })).toEqual(['b', 'd', 'e']);
    expect(shown({ filter: 'completed' })).toEqual(['a']);
    expect(shown({ filter: 'failed' })).toEqual(['c', 'f']);
  });

  it('counts every view regardless of the search', () => {
    expect(viewCounts(downloads, order)).toEqual({ all: 6, active: 3, completed: 1, failed: 2 });
  });

  it('finds downloads by name or by either link, ignoring case and surrounding spaces', () => {
    expect(shown({ search: '  MOVIE ' })).toEqual(['a', 'b']);
    expect(shown({ search: 'cdn.example' })).toEqual(['d']);
    expect(shown({ search: 'mirror.example' })).toEqual(['d']);
    expect(shown({ search: 'movie', filter: 'completed' })).toEqual(['a']);
    expect(shown({ search: 'nothing like this' })).toEqual([]);
  });

  it('sorts names the way people count (9 before 10) and flips on the same column', () => {
    expect(shown({ sort: { key: 'name', direction: 'ascending' } }).slice(0, 3)).toEqual(['d', 'f', 'b']);
    expect(shown({ filter: 'all', search: 'movie', sort: { key: 'name', direction: 'ascending' } })).toEqual([
      'b',
      'a',
    ]);
    expect(shown({ search: 'movie', sort: { key: 'name', direction: 'descending' } })).toEqual(['a', 'b']);
  });

  it('sorts by size with unknown sizes first, by progress, by status and by date added', () => {
    expect(shown({ sort: { key: 'size', direction: 'ascending' } })).toEqual(['c', 'a', 'b', 'd', 'f', 'e']);
    expect(shown({ sort: { key: 'progress', direction: 'descending' } })).toEqual([
      'a',
      'd',
      'b',
      'c',
      'e',
      'f',
    ]);
    expect(shown({ sort: { key: 'status', direction: 'ascending' } })).toEqual([
      'c',
      'f',
      'b',
      'e',
      'd',
      'a',
    ]);
    expect(shown({ sort: { key: 'added', direction: 'descending' } })).toEqual([
      'f',
      'e',
      'd',
      'a',
      'c',
      'b',
    ]);
  });

  it('a header click sorts ascending, then descending, then goes back to the queue order', () => {
    const first = nextSort(null, 'size');
    expect(first).toEqual({ key: 'size', direction: 'ascending' });
    const second = nextSort(first, 'size');
    expect(second).toEqual({ key: 'size', direction: 'descending' });
    expect(nextSort(second, 'size')).toBeNull();
    expect(nextSort(second, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });
});

describe('selection in a filtered view', () => {
  it('arrow keys, Shift ranges and Ctrl+A only reach the rows the view shows', () => {
    const store = createAppStore();
    store.getState().replaceAll(list);
    store.getState().setView({ filter: 'active' });
    store.getState().moveSelection(1, false);
    expect(store.getState().selection.ids).toEqual(['b']);
    store.getState().moveSelection(1, true);
    expect(store.getState().selection.ids).toEqual(['b', 'd']);
    store.getState().selectAllRows();
    expect(store.getState().selection.ids).toEqual(['b', 'd', 'e']);
  });

  it('switching views drops the rows it hides from the selection', () => {
    const store = createAppStore();
    store.getState().replaceAll(list);
    store.getState().selectAllRows();
    store.getState().setView({ filter: 'failed' });
    expect(store.getState().selection.ids).toEqual(['c', 'f']);
  });
});
