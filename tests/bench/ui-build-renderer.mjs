// Builds the renderer on its own (same root and plugin as electron.vite.config.ts) into `outDir`,
// with `entry` in place of the shipped `main.tsx` (the benchmark starts the app over its fake host).
// With `profiling`, react-dom's profiling build is used so <Profiler> reports commit durations;
// the app build never does this.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/** Points index.html's `./main.tsx` at `entry`. */
function replaceEntry(entry) {
  return {
    name: 'pdl-bench-entry',
    enforce: 'pre',
    resolveId: (id, importer) =>
      id.endsWith('/main.tsx') && importer?.endsWith('index.html') ? resolve(entry) : undefined,
  };
}

export async function buildRenderer({ outDir, profiling, entry }) {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve('src-renderer'),
    base: './',
    plugins: [replaceEntry(entry), react()],
    resolve: profiling
      ? { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] }
      : {},
    // Unminified, as electron-vite builds the app's renderer.
    build: { outDir, emptyOutDir: true, minify: false },
  });
}
