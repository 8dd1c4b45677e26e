/* global window, performance, PerformanceObserver, requestAnimationFrame, queueMicrotask, setInterval, clearInterval, setTimeout -- runs in the page */
// Runs inside the benchmark page before the app's scripts: a fake host (`window.__PDL_BENCH_HOST__`,
// read by the benchmark's own entry, ui-bench-entry.ts) with DOWNLOADS × CHUNKS downloads, and a driver that pushes
// progress batches as JSON text (parsed like the WebSocket transport does) while it measures frames
// and React commits.
export function installBenchHost({ downloads, chunks }) {
  const GIB = 1024 ** 3;
  const listeners = new Map();
  const emit = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  const items = Array.from({ length: downloads }, (_, d) => {
    const span = GIB / chunks;
    return {
      id: `d${d}`,
      url: `http://127.0.0.1:9/file-${String(d).padStart(3, '0')}.iso`,
      fileName: `file-${String(d).padStart(3, '0')}.iso`,
      directory: '/tmp/bench',
      filePath: `/tmp/bench/file-${String(d).padStart(3, '0')}.iso`,
      status: 'downloading',
      totalBytes: GIB,
      downloadedBytes: 0,
      speedBps: 0,
      etaSeconds: undefined,
      rangeSupported: true,
      connections: chunks,
      chunks: Array.from({ length: chunks }, (_, c) => ({
        id: c,
        start: c * span,
        end: (c + 1) * span - 1,
        written: 0,
        status: 'active',
        speedBps: 0,
        attempts: 1,
      })),
      retries: [],
      integrity: [],
      createdAt: Date.now(),
    };
  });
  const settings = {
    directory: '/tmp/bench',
    maxConcurrentDownloads: downloads,
    connectionsPerDownload: chunks,
    chunkSizeBytes: 0,
    minSplitBytes: 1048576,
    maxConnectionsTotal: downloads * chunks,
    maxRetries: 5,
    speedLimitBps: 0,
    theme: 'system',
  };
  const ok = (value) => Promise.resolve({ ok: true, value });
  window.__PDL_BENCH_HOST__ = {
    invoke(channel) {
      if (channel === 'downloads:list') return ok(JSON.parse(JSON.stringify(items)));
      if (channel === 'settings:get') return ok(settings);
      return ok(undefined);
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  const commits = [];
  window.__PDL_ON_COMMIT__ = (_id, phase, actualDuration) => commits.push(actualDuration);

  function nextBatchJson(intervalMs) {
    for (const item of items) {
      let sum = 0;
      let speed = 0;
      for (const chunk of item.chunks) {
        const bps = 200_000 + Math.random() * 800_000;
        const length = chunk.end - chunk.start + 1;
        chunk.written = Math.min(length, chunk.written + Math.round((bps * intervalMs) / 1000));
        chunk.speedBps = bps;
        sum += chunk.written;
        speed += bps;
      }
      item.downloadedBytes = sum;
      item.speedBps = speed;
      item.etaSeconds = (item.totalBytes - sum) / speed;
    }
    // Every chunk of every download moves each batch: the delta carries all of them (the worst case).
    const downloads = items.map(({ chunks, retries: _retries, ...rest }) => ({
      ...rest,
      changedChunks: chunks,
      removedChunkIds: [],
      newRetries: [],
    }));
    return JSON.stringify({ at: Date.now(), downloads });
  }

  let prepared = null;

  /**
   * Builds the batches of the next run. Making the engine's batches is the bench's work, not the
   * page's: done before measuring, it does not eat the frame budget or the CPU being measured.
   * Parsing the JSON, as the WebSocket transport does, stays in the measured batch work.
   */
  window.__PDL_BENCH_PREPARE__ = (batchesPerSecond, durationMs) => {
    // Rate 0 measures the idle page: the frame noise of the machine itself.
    const intervalMs = batchesPerSecond > 0 ? 1000 / batchesPerSecond : 0;
    const count = Math.ceil(durationMs / (intervalMs || durationMs)) + 1;
    prepared = {
      intervalMs,
      durationMs,
      batches: Array.from({ length: count }, () => nextBatchJson(intervalMs)),
    };
  };

  /** Pushes the prepared batches at their rate and reports what the page kept up with. */
  window.__PDL_BENCH__ = () => {
    if (prepared === null) throw new Error('call __PDL_BENCH_PREPARE__ first');
    const { batches, intervalMs, durationMs } = prepared;
    prepared = null;
    return measure(batches, intervalMs, durationMs);
  };

  function measure(batches, intervalMs, durationMs) {
    return new Promise((resolve) => {
      const frames = [];
      const batchWork = [];
      const longFrames = [];
      commits.length = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longFrames.push(entry.duration);
      });
      try {
        observer.observe({ type: 'long-animation-frame', buffered: false });
      } catch {
        observer.observe({ type: 'longtask', buffered: false });
      }
      let pushed = 0;
      let applied = 0;
      let last = performance.now();
      let running = true;
      const onFrame = (now) => {
        frames.push(now - last);
        last = now;
        if (running) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(onFrame);
      });
      const started = performance.now();
      const push = () => {
        const json = batches[pushed % batches.length];
        pushed += 1;
        const t0 = performance.now();
        emit('downloads:progressed', JSON.parse(json));
        // React flushes store updates in a microtask queued during set(); this one runs after it.
        queueMicrotask(() => {
          batchWork.push(performance.now() - t0);
          applied += 1;
        });
      };
      const timer = intervalMs > 0 ? setInterval(push, intervalMs) : undefined;
      setTimeout(() => {
        clearInterval(timer);
        running = false;
        const elapsed = (performance.now() - started) / 1000;
        setTimeout(() => {
          observer.disconnect();
          resolve({ applied, elapsed, frames, batchWork, commits: [...commits], longFrames });
        }, 200);
      }, durationMs);
    });
  }
}
