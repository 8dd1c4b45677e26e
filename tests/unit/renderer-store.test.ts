import { describe, expect, it, vi } from 'vitest';
import { SPEED_HISTORY_SAMPLES } from '../../src-renderer/store/apply-progress';
import { createAppStore } from '../../src-renderer/store/app-store';
import { chunk, download, progress } from './renderer-fixtures';

function storeWith(...ids: string[]) {
  const store = createAppStore();
  store.getState().replaceAll(ids.map((id) => download(id)));
  return store;
}

describe('renderer store: progress batches', () => {
  it('applies a whole batch in one update and keeps the identity of rows the batch did not touch', () => {
    const store = storeWith('a', 'b', 'c');
    const before = store.getState();
    const listener = vi.fn();
    store.subscribe(listener);

    store.getState().applyBatch({
      at: 2,
      downloads: [progress('a', { downloadedBytes: 300 }), progress('c', { downloadedBytes: 700 })],
    });

    const after = store.getState();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(after.downloads.b).toBe(before.downloads.b);
    expect(after.downloads.a.downloadedBytes).toBe(300);
    expect(after.downloads.c.downloadedBytes).toBe(700);
    expect(after.order).toBe(before.order);
  });

  it('waits for the full state of a download it has not seen instead of showing part of it', () => {
    const store = storeWith('a');
    const before = store.getState();
    store.getState().applyBatch({ at: 2, downloads: [progress('z', { downloadedBytes: 5 })] });
    expect(store.getState().order).toEqual(['a']);
    expect(store.getState().downloads).toBe(before.downloads);
  });

  it('merges changed chunks and new retry records into the row, keeping unchanged chunks', () => {
    const store = storeWith('a');
    const before = store.getState().downloads.a;
    const record = {
      chunkId: 1,
      attempt: 1,
      at: 5,
      error: { code: 'NETWORK' as const, message: 'reset', retryable: true },
    };
    const delta = progress('a', { downloadedBytes: 250 });
    store.getState().applyBatch({
      at: 2,
      downloads: [{ ...delta, changedChunks: [chunk(1, 500, 999, 250)], newRetries: [record] }],
    });
    const after = store.getState().downloads.a;
    expect(after.downloadedBytes).toBe(250);
    expect(after.chunks[0]).toBe(before.chunks[0]);
    expect(after.chunks[1]!.written).toBe(250);
    expect(after.retries).toEqual([record]);
  });

  it('keeps a bounded speed history per download for the graph', () => {
    const store = storeWith('a');
    for (let i = 1; i <= SPEED_HISTORY_SAMPLES + 10; i += 1) {
      store.getState().applyBatch({ at: i, downloads: [progress('a', { speedBps: i })] });
    }
    const samples = store.getState().speedHistory.a;
    expect(samples).toHaveLength(SPEED_HISTORY_SAMPLES);
    expect(samples[samples.length - 1]).toBe(SPEED_HISTORY_SAMPLES + 10);
    expect(samples[0]).toBe(11);
  });

  it('an empty batch changes nothing', () => {
    const store = storeWith('a');
    const before = store.getState();
    store.getState().applyBatch({ at: 2, downloads: [] });
    expect(store.getState().downloads).toBe(before.downloads);
  });
});

describe('renderer store: status changes, removal, reorder, full lists', () => {
  it('replaces exactly the row whose status changed', () => {
    const store = storeWith('a', 'b');
    const before = store.getState();
    store.getState().applyStatus(download('a', { status: 'paused' }));
    expect(store.getState().downloads.a.status).toBe('paused');
    expect(store.getState().downloads.b).toBe(before.downloads.b);
  });

  it('a newly added download arrives by status change and joins the queue', () => {
    const store = storeWith();
    store.getState().applyStatus(download('new', { status: 'queued' }));
    expect(store.getState().order).toEqual(['new']);
  });

  it('removes downloads, their speed history and their selection', () => {
    const store = storeWith('a', 'b', 'c');
    store.getState().applyBatch({ at: 2, downloads: [progress('b', { speedBps: 10 })] });
    store.getState().select('a', 'replace');
    store.getState().select('b', 'toggle');
    store.getState().removeDownloads(['b']);
    const state = store.getState();
    expect(state.order).toEqual(['a', 'c']);
    expect(state.downloads.b).toBeUndefined();
    expect(state.speedHistory.b).toBeUndefined();
    expect(state.selection.ids).toEqual(['a']);
  });

  it('moves a download to a new place in the queue', () => {
    const store = storeWith('a', 'b', 'c');
    store.getState().moveDownload('c', 0);
    expect(store.getState().order).toEqual(['c', 'a', 'b']);
    store.getState().moveDownload('c', 99);
    expect(store.getState().order).toEqual(['a', 'b', 'c']);
  });

  it('a full list keeps the identity of rows that did not change and adopts the engine order', () => {
    const store = storeWith('a', 'b');
    const before = store.getState();
    store.getState().replaceAll([download('b', { downloadedBytes: 9 }), download('a')]);
    const state = store.getState();
    expect(state.downloads.a).toBe(before.downloads.a);
    expect(state.downloads.b.downloadedBytes).toBe(9);
    expect(state.order).toEqual(['b', 'a']);
    expect(state.loaded).toBe(true);
  });

  it('keeps only the latest few UI errors and dismisses one by id', () => {
    const store = createAppStore();
    for (let i = 0; i < 8; i += 1) store.getState().reportError({ code: 'NETWORK', message: `error ${i}` });
    const errors = store.getState().errors;
    expect(errors.map((e) => e.message)).toEqual(['error 3', 'error 4', 'error 5', 'error 6', 'error 7']);
    store.getState().dismissError(errors[0].id);
    expect(store.getState().errors).toHaveLength(4);
  });

  it('asks for confirmation before removing and forgets the request when closed', () => {
    const store = storeWith('a');
    store.getState().requestRemoval(['a']);
    expect(store.getState().pendingRemoval).toEqual(['a']);
    store.getState().closeRemoval();
    expect(store.getState().pendingRemoval).toBeNull();
    store.getState().requestRemoval([]);
    expect(store.getState().pendingRemoval).toBeNull();
  });
});
