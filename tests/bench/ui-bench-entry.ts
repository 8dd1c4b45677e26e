// The UI benchmark's own renderer entry (the shipped one is src-renderer/main.tsx): the app over the
// fake host and commit probe that ui-bench-page.mjs installs before the page's scripts run.
import type { ProfilerOnRenderCallback } from 'react';
import type { Transport } from '../../src-shared/ipc-contract';
import { startApp } from '../../src-renderer/start-app';
import { alwaysConnected } from '../../src-renderer/transport/renderer-transport';

declare global {
  interface Window {
    __PDL_BENCH_HOST__?: Transport;
    /** React calls it only in its profiling build, which the benchmark uses. */
    __PDL_ON_COMMIT__?: ProfilerOnRenderCallback;
  }
}

const host = window.__PDL_BENCH_HOST__;
if (host === undefined) throw new Error('the benchmark page did not install its host');
startApp(alwaysConnected(host, false), (...args) => window.__PDL_ON_COMMIT__?.(...args));
