// Builds the renderer on its own (same root and plugin as electron.vite.config.ts) into `outDir`.
// With `profiling`, react-dom's profiling build is used so <Profiler> reports commit durations;
// the app build never does this.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export async function buildRenderer({ outDir, profiling }) {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    resolve: profiling
      ? { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] }
      : {},
    // Unminified, as electron-vite builds the app's renderer.
    build: { outDir, emptyOutDir: true, minify: false },
  });
}
